export * from "./policy";
export * from "./eligibility";
export * from "./duties";
export * from "./routing";
export * from "./labels";
