// Server-only entry of the contracts: the REST DTOs as class-validator classes (and reflect-metadata with them).
// The dashboard imports the browser-safe root entry, `@app/contracts`, whose interfaces these classes implement.
export * from './list.queries';
export * from './run.dto';
export * from './dataset.dto';
