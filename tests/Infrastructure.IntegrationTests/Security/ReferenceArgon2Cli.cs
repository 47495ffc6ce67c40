using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace CleanAuth.Infrastructure.IntegrationTests.Security;

/// <summary>
/// The reference C implementation's command-line tool (Debian package <c>argon2</c>):
/// <c>echo -n PASS | argon2 SALT -id -t T -k M -p 1 -l 32 -e</c>. The salt is a command-line string,
/// so callers pass printable ASCII salts; the password goes through stdin as raw bytes.
/// The tool refuses an empty password and one longer than 127 bytes.
/// </summary>
internal static class ReferenceArgon2Cli
{
    public const int MaxPasswordBytes = 127;

    public static async Task<string> HashEncodedAsync(
        byte[] password, string asciiSalt, int memoryKiB, int iterations, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(password.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(password.Length, MaxPasswordBytes);

        var startInfo = new ProcessStartInfo("argon2")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            asciiSalt, "-id",
            "-t", iterations.ToString(CultureInfo.InvariantCulture),
            "-k", memoryKiB.ToString(CultureInfo.InvariantCulture),
            "-p", "1", "-l", "32", "-e",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException("argon2 did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                "The reference 'argon2' CLI is not installed; run 'apt-get install -y argon2' (the test script does).", e);
        }

        using (process)
        {
            await process.StandardInput.BaseStream.WriteAsync(password, cancellationToken);
            process.StandardInput.Close();
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = await process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"argon2 exited with {process.ExitCode}: {error}");
            }

            return output.Trim();
        }
    }
}
