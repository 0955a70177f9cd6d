export * from "./clock";
export * from "./codes";
export * from "./decide";
export * from "./errors";
export * from "./estimate";
export * from "./evolve";
export * from "./execute";
export * from "./routing";
