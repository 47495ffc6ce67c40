using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Security.Passwords;

/// <summary>
/// Refuses hashing costs below OWASP's minimum outside Development and Testing, and nonsensical values everywhere.
/// Runs at start-up (<c>ValidateOnStart</c>).
/// </summary>
internal sealed class PasswordHashingOptionsValidator : IValidateOptions<PasswordHashingOptions>
{
    internal const string TestingEnvironmentName = "Testing";

    private readonly IHostEnvironment _environment;

    public PasswordHashingOptionsValidator(IHostEnvironment environment)
    {
        _environment = environment;
    }

    public ValidateOptionsResult Validate(string? name, PasswordHashingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Section = PasswordHashingOptions.SectionName;
        var failures = new List<string>();

        if (!Enum.IsDefined(options.Library))
        {
            failures.Add($"{Section}:Library must be {nameof(PasswordHashingLibrary.Libsodium)} or {nameof(PasswordHashingLibrary.Isopoh)}.");
        }

        if (options.MemoryKiB < PasswordHashingOptions.AbsoluteMinimumMemoryKiB)
        {
            failures.Add(Invariant($"{Section}:MemoryKiB must be at least {PasswordHashingOptions.AbsoluteMinimumMemoryKiB}."));
        }
        else if (options.MemoryKiB > PasswordHashingOptions.MaximumMemoryKiB)
        {
            failures.Add(Invariant($"{Section}:MemoryKiB must be at most {PasswordHashingOptions.MaximumMemoryKiB}."));
        }

        if (options.Iterations < PasswordHashingOptions.AbsoluteMinimumIterations)
        {
            failures.Add(Invariant($"{Section}:Iterations must be at least {PasswordHashingOptions.AbsoluteMinimumIterations}."));
        }
        else if (options.Iterations > PasswordHashingOptions.MaximumIterations)
        {
            failures.Add(Invariant($"{Section}:Iterations must be at most {PasswordHashingOptions.MaximumIterations}."));
        }

        if (options.MaxQueued < 0)
        {
            failures.Add($"{Section}:MaxQueued must not be negative.");
        }

        var weakCostAllowed = _environment.IsDevelopment() || _environment.IsEnvironment(TestingEnvironmentName);
        if (!weakCostAllowed)
        {
            if (options.MemoryKiB is >= PasswordHashingOptions.AbsoluteMinimumMemoryKiB and < PasswordHashingOptions.OwaspMinimumMemoryKiB)
            {
                failures.Add(Invariant(
                    $"{Section}:MemoryKiB must be at least {PasswordHashingOptions.OwaspMinimumMemoryKiB} outside Development and Testing."));
            }

            if (options.Iterations is >= PasswordHashingOptions.AbsoluteMinimumIterations and < PasswordHashingOptions.OwaspMinimumIterations)
            {
                failures.Add(Invariant(
                    $"{Section}:Iterations must be at least {PasswordHashingOptions.OwaspMinimumIterations} outside Development and Testing."));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
