using CleanAuth.Application.Auditing.Queries.ListAuditLog;
using CleanAuth.Application.Auditing.Queries.ListSecurityEvents;
using CleanAuth.Domain.Auditing;

namespace CleanAuth.Application.UnitTests.Auditing;

public sealed class AuditLogQueryValidatorTests
{
    private readonly ListAuditLogQueryValidator _validator = new();

    [Fact]
    public void Validate_WhenEveryParameterHasAValidValue_ShouldPass()
    {
        var query = new ListAuditLogQuery(
            "2", "50", Guid.NewGuid().ToString(), Guid.NewGuid().ToString("N"), AuditEventType.LoginFailed, "2026-12-01T00:00:00Z", "2026-12-02T00:00:00+01:00");

        _validator.Validate(query).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_WhenEveryEventTypeIsNamed_ShouldAcceptEach()
    {
        foreach (var type in AuditEventType.All)
        {
            _validator.Validate(new ListAuditLogQuery(EventType: type)).IsValid.Should().BeTrue(type);
        }
    }

    [Theory]
    [InlineData(nameof(ListAuditLogQuery.Page), "0")]
    [InlineData(nameof(ListAuditLogQuery.PageSize), "1000")]
    [InlineData(nameof(ListAuditLogQuery.UserId), "42")]
    [InlineData(nameof(ListAuditLogQuery.UserId), "not-a-guid")]
    [InlineData(nameof(ListAuditLogQuery.ActorId), "00000000-0000-0000-0000-00000000000g")]
    [InlineData(nameof(ListAuditLogQuery.EventType), "login")]
    [InlineData(nameof(ListAuditLogQuery.EventType), "LOGIN.FAILED")]
    [InlineData(nameof(ListAuditLogQuery.From), "2026-12-01T00:00:00")]
    [InlineData(nameof(ListAuditLogQuery.From), "2026-12-01")]
    [InlineData(nameof(ListAuditLogQuery.To), "tomorrow")]
    [InlineData(nameof(ListAuditLogQuery.To), "1733011200")]
    public void Validate_WhenAParameterHasAnUndocumentedValue_ShouldFailOnThatParameterAlone(string parameter, string value)
    {
        var query = parameter switch
        {
            nameof(ListAuditLogQuery.Page) => new ListAuditLogQuery(Page: value),
            nameof(ListAuditLogQuery.PageSize) => new ListAuditLogQuery(PageSize: value),
            nameof(ListAuditLogQuery.UserId) => new ListAuditLogQuery(UserId: value),
            nameof(ListAuditLogQuery.ActorId) => new ListAuditLogQuery(ActorId: value),
            nameof(ListAuditLogQuery.EventType) => new ListAuditLogQuery(EventType: value),
            nameof(ListAuditLogQuery.From) => new ListAuditLogQuery(From: value),
            nameof(ListAuditLogQuery.To) => new ListAuditLogQuery(To: value),
            _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, null),
        };

        _validator.Validate(query).Errors.Should().NotBeEmpty().And.OnlyContain(e => e.PropertyName == parameter);
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("1", "1", true)]
    [InlineData("0", null, false)]
    [InlineData(null, "101", false)]
    [InlineData("a", "b", false)]
    public void ValidateSecurityEvents_ShouldCheckPagingOnly(string? page, string? pageSize, bool valid) =>
        new ListSecurityEventsQueryValidator().Validate(new ListSecurityEventsQuery(page, pageSize)).IsValid.Should().Be(valid);
}
