namespace CleanAuth.WebApi.Cli;

/// <summary>The process's exit codes (BSD sysexits where one fits), documented in the README.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary><c>healthcheck</c>: the server did not answer healthy (what a container health check expects).</summary>
    public const int Unhealthy = 1;

    /// <summary>A setting is missing or refused; the message names it. Nothing was touched.</summary>
    public const int ConfigurationRefused = 2;

    /// <summary>The command line is wrong (EX_USAGE).</summary>
    public const int UsageError = 64;

    /// <summary>The input was refused (EX_DATAERR): an invalid address or role name, …</summary>
    public const int DataRefused = 65;
}
