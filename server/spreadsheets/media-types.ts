/** The media type of an `.xlsx` workbook, as browsers and Excel send it. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
