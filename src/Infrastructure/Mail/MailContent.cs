namespace CleanAuth.Infrastructure.Mail;

/// <summary>The subject and bodies of a queued mail: the (encrypted) payload of the mail kinds.</summary>
public sealed record MailContent(string Subject, string Text, string Html);
