using System.Reflection;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains;
using BenchmarkDotNet.Toolchains.CsProj;
using BenchmarkDotNet.Toolchains.DotNetCli;

namespace CleanAuth.Benchmarks;

/// <summary>
/// BenchmarkDotNet's default (out-of-process) toolchain finds the benchmark project by assuming its file is named
/// after the assembly (<c>CleanAuth.Benchmarks.csproj</c>); ours is <c>Benchmarks.csproj</c>, like every project
/// here. This toolchain is the default one (generate, <c>dotnet build</c>, run in a separate process), told the
/// project's path, which the build records in the assembly.
/// </summary>
internal sealed class BenchmarksToolchain : Toolchain
{
    private const string TargetFramework = "net10.0";

    // A null CLI path means the `dotnet` on PATH, as in BenchmarkDotNet's own default toolchain.
    public BenchmarksToolchain()
        : base(
            TargetFramework,
            new ProjectGenerator(),
            new DotNetCliBuilder(TargetFramework, customDotNetCliPath: null!),
            new DotNetCliExecutor(customDotNetCliPath: null!))
    {
    }

    private sealed class ProjectGenerator : CsProjGenerator
    {
        public ProjectGenerator()
            : base(TargetFramework, cliPath: null!, packagesPath: null!, runtimeFrameworkVersion: null!)
        {
        }

        protected override FileInfo GetProjectFilePath(Type benchmarkTarget, ILogger logger)
        {
            var path = benchmarkTarget.Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(attribute => attribute.Key == "BenchmarksProjectPath")?.Value;
            return path is not null && File.Exists(path)
                ? new FileInfo(path)
                : base.GetProjectFilePath(benchmarkTarget, logger);
        }
    }
}
