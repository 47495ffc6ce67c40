using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using CleanAuth.Benchmarks;

// Run through build/bench.sh, which passes a short job and a filter; any BenchmarkDotNet argument works
// (e.g. `dotnet run -c Release --project tests/Benchmarks -- --filter '*Registry*' --job short`).
// The toolchain is added to whatever job the command line asks for (a mutator, not a default job: a default job
// in the config would make BenchmarkDotNet ignore --job).
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(new BenchmarksToolchain()).AsMutator());
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
var failed = summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success));
return failed ? 1 : 0;
