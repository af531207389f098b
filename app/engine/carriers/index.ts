export * from "./model";
export * from "./rate-card";
export * from "./rate-card-csv";
export * from "./eta";
export * from "./select";
export * from "./adapter";
