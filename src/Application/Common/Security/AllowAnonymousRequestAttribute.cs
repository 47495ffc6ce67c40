namespace CleanAuth.Application.Common.Security;

/// <summary>The request may be sent by anyone. Every request declares this or a <see cref="RequirePermissionAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AllowAnonymousRequestAttribute : Attribute;
