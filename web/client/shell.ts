import { initShell } from './_shell';

initShell();
