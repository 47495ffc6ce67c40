using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// The built app run as an operator runs it (<c>dotnet CleanAuth.WebApi.dll [verb …]</c>), configured only by the
/// environment variables given: the one way the tests start the app as a process, to run a verb to its end
/// (<see cref="RunAsync"/>) or to serve (<see cref="Start"/>, as <see cref="RunningApp"/> does).
/// </summary>
public static class AppProcess
{
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Starts the app in <paramref name="workingDirectory"/> (its content root) with stdout and stderr redirected;
    /// the environment names of this test process (<c>ASPNETCORE_ENVIRONMENT</c>, <c>DOTNET_ENVIRONMENT</c>,
    /// <c>ASPNETCORE_URLS</c>) are not inherited.
    /// </summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, IEnumerable<string> args, string workingDirectory, bool redirectStandardInput = false)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = redirectStandardInput,
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

        return Process.Start(info)!;
    }

    /// <summary>
    /// Runs the app to its end (within 30 s, or a <see cref="TimeoutException"/>) in <paramref name="workingDirectory"/>,
    /// or in a fresh temporary directory removed afterwards when none is given; <paramref name="standardInput"/>, when
    /// given, is written to the app's standard input, which is then closed.
    /// </summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(
        IReadOnlyDictionary<string, string> environment, IEnumerable<string> args, CancellationToken cancellationToken, string? workingDirectory = null, string? standardInput = null)
    {
        var workDir = workingDirectory ?? Directory.CreateTempSubdirectory("cleanauth-cli-").FullName;
        try
        {
            var argList = args.ToList();
            using var process = Start(environment, argList, workDir, redirectStandardInput: standardInput is not null);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(s_runTimeout);
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), timeout.Token);
                process.StandardInput.Close();
            }

            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"dotnet CleanAuth.WebApi.dll {string.Join(' ', argList)} did not exit within {s_runTimeout.TotalSeconds:0} s.");
            }

            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (workingDirectory is null)
            {
                Directory.Delete(workDir, recursive: true);
            }
        }
    }

    /// <summary>A loopback port free right now, for the app to listen on.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
