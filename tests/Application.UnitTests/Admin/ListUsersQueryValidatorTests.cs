using CleanAuth.Application.Admin.Queries.ListUsers;
using CleanAuth.Application.UnitTests.Common;

namespace CleanAuth.Application.UnitTests.Admin;

public sealed class ListUsersQueryValidatorTests
{
    private readonly ListUsersQueryValidator _validator = new(new FakeRoleCatalog());

    [Fact]
    public void Validate_WhenNoParameterIsGiven_ShouldPass() =>
        _validator.Validate(new ListUsersQuery()).IsValid.Should().BeTrue();

    [Fact]
    public void Validate_WhenEveryParameterHasAValidValue_ShouldPass()
    {
        var query = new ListUsersQuery("3", "100", "  Ada%_  ", "guest", "false", "true", "last_login_at", "asc");

        _validator.Validate(query).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("created_at")]
    [InlineData("email")]
    [InlineData("username")]
    [InlineData("last_login_at")]
    public void Validate_WhenSortingByADocumentedField_ShouldPass(string field) =>
        _validator.Validate(new ListUsersQuery(SortBy: field, SortOrder: "desc")).IsValid.Should().BeTrue();

    [Theory]
    [InlineData(nameof(ListUsersQuery.Page), "0")]
    [InlineData(nameof(ListUsersQuery.Page), "-1")]
    [InlineData(nameof(ListUsersQuery.Page), "one")]
    [InlineData(nameof(ListUsersQuery.Page), "1.5")]
    [InlineData(nameof(ListUsersQuery.Page), "99999999999")]
    [InlineData(nameof(ListUsersQuery.PageSize), "0")]
    [InlineData(nameof(ListUsersQuery.PageSize), "101")]
    [InlineData(nameof(ListUsersQuery.PageSize), "twenty")]
    [InlineData(nameof(ListUsersQuery.Search), "\u0000admin")]
    [InlineData(nameof(ListUsersQuery.Search), "ada\u202Eelgoog")]
    [InlineData(nameof(ListUsersQuery.Role), "auditor")]
    [InlineData(nameof(ListUsersQuery.Role), "Admin")]
    [InlineData(nameof(ListUsersQuery.Role), "")]
    [InlineData(nameof(ListUsersQuery.IsActive), "yes")]
    [InlineData(nameof(ListUsersQuery.IsActive), "1")]
    [InlineData(nameof(ListUsersQuery.EmailVerified), "no")]
    [InlineData(nameof(ListUsersQuery.SortBy), "password_hash")]
    [InlineData(nameof(ListUsersQuery.SortBy), "Email")]
    [InlineData(nameof(ListUsersQuery.SortBy), "created_at,id")]
    [InlineData(nameof(ListUsersQuery.SortOrder), "descending")]
    [InlineData(nameof(ListUsersQuery.SortOrder), "ASC")]
    public void Validate_WhenAParameterHasAnUndocumentedValue_ShouldFailOnThatParameterAlone(string parameter, string value)
    {
        var result = _validator.Validate(With(parameter, value));

        result.Errors.Should().NotBeEmpty().And.OnlyContain(e => e.PropertyName == parameter);
    }

    [Fact]
    public void Validate_WhenSearchIsLongerThanAHundredCharactersOnceTrimmed_ShouldFail()
    {
        var fits = new ListUsersQuery(Search: "   " + new string('a', 100) + "   ");
        var tooLong = new ListUsersQuery(Search: new string('a', 101));

        _validator.Validate(fits).IsValid.Should().BeTrue("surrounding spaces are trimmed first");
        _validator.Validate(tooLong).Errors.Should().ContainSingle()
            .Which.ErrorMessage.Should().Be("search must be at most 100 characters.");
    }

    [Fact]
    public void Validate_WhenSeveralParametersAreWrong_ShouldReportEachByItsName()
    {
        var result = _validator.Validate(new ListUsersQuery(Page: "x", PageSize: "x", IsActive: "x", SortBy: "x"));

        result.Errors.Select(e => e.PropertyName).Should().BeEquivalentTo(["Page", "PageSize", "IsActive", "SortBy"]);
        result.Errors.Single(e => e.PropertyName == "SortBy").ErrorMessage.Should().Be("sort_by must be one of: created_at, email, last_login_at, username.");
    }

    private static ListUsersQuery With(string parameter, string value) => parameter switch
    {
        nameof(ListUsersQuery.Page) => new ListUsersQuery(Page: value),
        nameof(ListUsersQuery.PageSize) => new ListUsersQuery(PageSize: value),
        nameof(ListUsersQuery.Search) => new ListUsersQuery(Search: value),
        nameof(ListUsersQuery.Role) => new ListUsersQuery(Role: value),
        nameof(ListUsersQuery.IsActive) => new ListUsersQuery(IsActive: value),
        nameof(ListUsersQuery.EmailVerified) => new ListUsersQuery(EmailVerified: value),
        nameof(ListUsersQuery.SortBy) => new ListUsersQuery(SortBy: value),
        nameof(ListUsersQuery.SortOrder) => new ListUsersQuery(SortOrder: value),
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, null),
    };
}
