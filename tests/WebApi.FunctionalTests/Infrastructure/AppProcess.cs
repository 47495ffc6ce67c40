using System.Diagnostics;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>The built app run as an operator runs it (<c>dotnet CleanAuth.WebApi.dll verb …</c>), for its command-line verbs.</summary>
public static class AppProcess
{
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(
        IReadOnlyDictionary<string, string> environment, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var workDir = Directory.CreateTempSubdirectory("cleanauth-cli-").FullName;
        try
        {
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workDir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CleanAuth.WebApi.dll"));
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
            info.Environment.Remove("DOTNET_ENVIRONMENT");
            info.Environment.Remove("ASPNETCORE_URLS");
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }

            using var process = Process.Start(info)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"dotnet CleanAuth.WebApi.dll {string.Join(' ', info.ArgumentList.Skip(1))} did not exit within 30 s.");
            }

            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }
    }
}
