using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi;

/// <summary>Fail fast, naming every refused setting, before touching the database or opening a port.</summary>
public static class StartupValidation
{
    /// <summary>False (after writing one "cannot start" line to standard error) when any setting is refused.</summary>
    public static async Task<bool> PassesAsync(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (Exception ex) when (ex is OptionsValidationException || (ex is AggregateException all && all.InnerExceptions.All(e => e is OptionsValidationException)))
        {
            // Several sections can fail at once (then the validator throws them together): name every setting.
            var failures = ex is AggregateException aggregate
                ? aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)
                : ((OptionsValidationException)ex).Failures;
            await Console.Error.WriteLineAsync($"CleanAuth cannot start: {string.Join(" ", failures)}");
            return false;
        }
    }
}
