export * from "./stages";
export * from "./machine";
export * from "./carrier-codes";
export * from "./notify";
export * from "./templates";
export * from "./attention";
export * from "./page-text";
