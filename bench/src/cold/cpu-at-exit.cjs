// Preloaded (`--require`) into every cold-start process, the bare one included: on exit it
// writes the process's CPU time (user + system, microseconds, bootstrap included) to stderr.
process.on('exit', () => {
  const used = process.cpuUsage();
  process.stderr.write(`\ncpu-us ${used.user + used.system}\n`);
});
