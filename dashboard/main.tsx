import "../shared/ui/base.css";
import "./styles/dashboard.css";
import { render } from "preact";
import { officeIdFromUrl } from "../shared/ui/app-params";
import { createDashboardApp } from "./model/dashboard-app";
import { App } from "./ui/App";

const app = createDashboardApp(officeIdFromUrl());

const root = document.getElementById("app");
if (root) render(<App app={app} />, root);
