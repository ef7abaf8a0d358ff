import config from '../../wxt.config';

// The shipped configuration, built into its own folder so a benchmark run never races a
// build someone else starts in .output/chrome-mv3 (same code, same manifest).
export default { ...config, outDir: '.output/bench' };
