declare module '*.css' {
  const text: string;
  export default text;
}
declare module '*.xlsx' {
  /** A data: URL of the workbook's bytes (webpack asset/inline). */
  const url: string;
  export default url;
}
