export * from "./api";
export * from "./auth";
export * from "./commands";
export * from "./config";
export * from "./events";
export * from "./state";
export * from "./ticket";
export * from "./wire";
