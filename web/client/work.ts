import { initShell } from './_shell';
import { refreshRegions } from './_live';

initShell();

// When a notification arrives (the top bar's poll says so), My work redraws its sections in
// place: what is waiting for you appears without a reload, the focus stays where it was.
document.addEventListener('factmark:notifications', () => {
  void refreshRegions(['.page-head h1', '.work-toc', '.work-section']);
});
