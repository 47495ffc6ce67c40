using CleanAuth.Application.Common.Options;
using Microsoft.Extensions.Options;
namespace CleanAuth.Infrastructure.Mail;

public enum EmailProvider
{
    /// <summary>Writes each message as an .eml file into a folder: the embedded default, no mail server needed.</summary>
    Pickup,

    /// <summary>Sends through an SMTP server with MailKit.</summary>
    Smtp,
}

/// <summary>Section <c>Email</c>.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public EmailProvider Provider { get; set; } = EmailProvider.Pickup;

    public string From { get; set; } = "CleanAuth <no-reply@localhost>";

    /// <summary>Pickup folder, relative to the content root unless absolute.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Delivery attempts before a message is moved to the dead state.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles with each further failure.</summary>
    public double RetryBaseSeconds { get; set; } = 5;

    public double RetryMaxSeconds { get; set; } = 3600;

    public double PollIntervalSeconds { get; set; } = 2;

    public TimeSpan RetryDelay(int failedAttempts)
    {
        var seconds = RetryBaseSeconds * Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, RetryMaxSeconds));
    }
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool UseStartTls { get; set; }

    public int TimeoutSeconds { get; set; } = 15;
}

/// <summary>Section <c>App</c>.</summary>
public sealed class AppOptions
{
    public const string SectionName = "App";

    /// <summary>
    /// Where the links in mails point (the app that shows the verify and reset pages); never taken from a request.
    /// No default: Development falls back to <c>http://localhost:5000</c> (<see cref="AppOptionsDevelopmentDefaults"/>); elsewhere it is required.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}

internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        if (!MimeKit.MailboxAddress.TryParse(options.From, out _))
        {
            failures.Add("Email:From must be a mail address, e.g. \"CleanAuth <no-reply@example.com>\".");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add("Email:MaxAttempts must be at least 1.");
        }

        if (options.RetryBaseSeconds <= 0 || options.RetryMaxSeconds < options.RetryBaseSeconds)
        {
            failures.Add("Email:RetryBaseSeconds must be positive and at most Email:RetryMaxSeconds.");
        }

        if (options.PollIntervalSeconds < 0.05)
        {
            failures.Add("Email:PollIntervalSeconds must be at least 0.05.");
        }

        if (options.Provider == EmailProvider.Smtp && string.IsNullOrWhiteSpace(options.Smtp.Host))
        {
            failures.Add("Email:Smtp:Host is required when Email:Provider is Smtp.");
        }

        return failures.ToResult();
    }
}
