using System.Text;
using System.Text.RegularExpressions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Infrastructure.Security.Passwords;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.IntegrationTests.Security;

/// <summary>
/// One contract, run against every <see cref="IArgon2idAlgorithm"/> adapter (see the sealed subclasses):
/// known answers, byte-identical output to the reference <c>argon2</c> CLI, interchangeable PHC strings,
/// and the hasher's normalization, no-truncation and rehash behaviour on top of the adapter.
/// Most cases use small costs for speed; the production defaults run where marked.
/// </summary>
public abstract partial class Argon2idContractTests
{
    /// <summary>From the reference implementation: password "password", salt "somesaltsomesalt", m=19456, t=2, p=1.</summary>
    protected const string KnownAnswerPhc =
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";

    protected const int SmallMemoryKiB = 64;
    protected const int SmallIterations = 1;

    private const string SaltAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private protected abstract IArgon2idAlgorithm CreateAlgorithm();

    /// <summary>The other adapter, for interchangeability.</summary>
    private protected abstract IArgon2idAlgorithm CreateOtherAlgorithm();

    [Fact]
    public void Verify_WhenGivenKnownAnswerPhc_ShouldAcceptPasswordAndRejectNearMiss()
    {
        var algorithm = CreateAlgorithm();

        algorithm.Verify("password"u8, KnownAnswerPhc).Should().BeTrue();
        algorithm.Verify("passwore"u8, KnownAnswerPhc).Should().BeFalse();
    }

    [Fact]
    public void HashWithSalt_WhenGivenKnownAnswerInputsAtProductionDefaults_ShouldReproduceKnownAnswer()
    {
        var phc = CreateAlgorithm().HashWithSalt(
            "password"u8, "somesaltsomesalt"u8, PasswordHashingOptions.OwaspMinimumMemoryKiB, PasswordHashingOptions.OwaspMinimumIterations);

        phc.Should().Be(KnownAnswerPhc);
    }

    [Fact]
    public async Task HashWithSalt_WhenComparedWithReferenceCli_ShouldBeByteIdentical()
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var algorithm = CreateAlgorithm();

        for (var i = 0; i < 4; i++)
        {
            var password = RandomPassword(random);
            var salt = new string(random.GetItems(SaltAlphabet.AsSpan(), Argon2idPhc.SaltSize));
            var memoryKiB = random.GetItems([8, 16, 64, 256, 1024], 1)[0];
            var iterations = random.Next(1, 4);
            var because = $"case {i} of seed {seed}: m={memoryKiB}, t={iterations}, salt {salt}, password {Convert.ToHexString(password)}";

            var reference = await ReferenceArgon2Cli.HashEncodedAsync(
                password, salt, memoryKiB, iterations, TestContext.Current.CancellationToken);
            var ours = algorithm.HashWithSalt(password, Encoding.ASCII.GetBytes(salt), memoryKiB, iterations);

            ours.Should().Be(reference, because);
            algorithm.Verify(password, reference).Should().BeTrue(because);
        }
    }

    [Fact]
    public void Hash_WhenCalled_ShouldWriteStandardPhcWithFreshSaltMatchingExplicitSaltPath()
    {
        var algorithm = CreateAlgorithm();
        var password = "Vq7#mZ2!pLx9@rT-hash"u8.ToArray();

        var first = algorithm.Hash(password, SmallMemoryKiB, SmallIterations);
        var second = algorithm.Hash(password, SmallMemoryKiB, SmallIterations);

        first.Should().MatchRegex(PhcPattern());
        first.Should().StartWith($"$argon2id$v=19$m={SmallMemoryKiB},t={SmallIterations},p=1$");
        second.Should().NotBe(first, "every hash gets a fresh random salt");
        Argon2idPhc.GetSalt(first).Should().NotEqual(Argon2idPhc.GetSalt(second));
        algorithm.HashWithSalt(password, Argon2idPhc.GetSalt(first), SmallMemoryKiB, SmallIterations).Should().Be(first);
    }

    [Fact]
    public void Verify_WhenHashCameFromOtherAdapter_ShouldAcceptOnlyTheRightPassword()
    {
        var algorithm = CreateAlgorithm();
        var other = CreateOtherAlgorithm();
        var password = "interchangeable PHC strings ✓"u8;

        var fromOther = other.Hash(password, SmallMemoryKiB, 2);
        var fromThis = algorithm.Hash(password, SmallMemoryKiB, 2);

        algorithm.Verify(password, fromOther).Should().BeTrue();
        other.Verify(password, fromThis).Should().BeTrue();
        algorithm.Verify("interchangeable PHC strings"u8, fromOther).Should().BeFalse();
        other.Verify("interchangeable PHC strings"u8, fromThis).Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a hash")]
    [InlineData("$argon2id$v=19$m=abc")]
    [InlineData("$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    public void Verify_WhenPhcIsMalformed_ShouldReturnFalse(string phc)
    {
        CreateAlgorithm().Verify("password"u8, phc).Should().BeFalse();
    }

    [Fact]
    public async Task HashAsync_WithProductionDefaults_ShouldProduceOwaspPhcThatVerifies()
    {
        using var hasher = CreateHasher(new PasswordHashingOptions());
        var ct = TestContext.Current.CancellationToken;

        var phc = await hasher.HashAsync("correct horse battery staple", ct);

        phc.Should().StartWith("$argon2id$v=19$m=19456,t=2,p=1$").And.MatchRegex(PhcPattern());
        (await hasher.VerifyAsync("correct horse battery staple", phc, ct)).Should().Be(PasswordVerification.Succeeded);
    }

    [Fact]
    public async Task VerifyAsync_WhenPasswordIsWrong_ShouldFail()
    {
        using var hasher = CreateHasher();
        var ct = TestContext.Current.CancellationToken;
        var phc = await hasher.HashAsync("a perfectly fine password", ct);

        (await hasher.VerifyAsync("a perfectly fine passwort", phc, ct)).Should().Be(PasswordVerification.Failed);
    }

    [Theory]
    [InlineData(SmallMemoryKiB, SmallIterations, PasswordVerification.Succeeded)]
    [InlineData(SmallMemoryKiB / 2, SmallIterations, PasswordVerification.SucceededRehashNeeded)]
    [InlineData(SmallMemoryKiB * 2, SmallIterations, PasswordVerification.SucceededRehashNeeded)]
    [InlineData(SmallMemoryKiB, SmallIterations + 1, PasswordVerification.SucceededRehashNeeded)]
    public async Task VerifyAsync_WhenStoredCostIsCompared_ShouldAskForRehashOnlyWhenItDiffers(
        int storedMemoryKiB, int storedIterations, PasswordVerification expected)
    {
        using var hasher = CreateHasher();
        var ct = TestContext.Current.CancellationToken;
        var stored = CreateAlgorithm().Hash("rehash me if needed"u8, storedMemoryKiB, storedIterations);

        (await hasher.VerifyAsync("rehash me if needed", stored, ct)).Should().Be(expected);
        (await hasher.VerifyAsync("rehash me if needed!", stored, ct)).Should().Be(PasswordVerification.Failed);
    }

    [Fact]
    public async Task VerifyAsync_WhenRegisteredInNfcAndPresentedInNfd_ShouldSucceed()
    {
        using var hasher = CreateHasher();
        var ct = TestContext.Current.CancellationToken;
        const string Password = "Crème brûlée à Zürich, señor";
        var nfc = Password.Normalize(NormalizationForm.FormC);
        var nfd = Password.Normalize(NormalizationForm.FormD);
        nfd.Should().NotBe(nfc, "the test needs two different encodings of the same text");

        var phc = await hasher.HashAsync(nfc, ct);

        (await hasher.VerifyAsync(nfd, phc, ct)).Should().Be(PasswordVerification.Succeeded);
    }

    [Fact]
    public async Task VerifyAsync_WhenPresentedInCompatibilityForm_ShouldSucceed()
    {
        using var hasher = CreateHasher();
        var ct = TestContext.Current.CancellationToken;

        // NFKC folds the "fi" ligature and fullwidth letters to their plain forms.
        var phc = await hasher.HashAsync("office pass 2024", ct);

        (await hasher.VerifyAsync("o\uFB03ce \uFF50\uFF41\uFF53\uFF53 2024", phc, ct)).Should().Be(PasswordVerification.Succeeded);
    }

    [Theory]
    [InlineData("Correct Horse Battery Staple ")]
    [InlineData(" Correct Horse Battery Staple")]
    [InlineData("correct Horse Battery Staple")]
    [InlineData("CORRECT HORSE BATTERY STAPLE")]
    [InlineData("Correct Horse Battery Stapl")]
    public async Task VerifyAsync_WhenPasswordDiffersBySpaceCaseOrLastCharacter_ShouldFail(string presented)
    {
        using var hasher = CreateHasher();
        var ct = TestContext.Current.CancellationToken;
        var phc = await hasher.HashAsync("Correct Horse Battery Staple", ct);

        (await hasher.VerifyAsync(presented, phc, ct)).Should().Be(PasswordVerification.Failed);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(1024)]
    public async Task VerifyAsync_WhenPasswordIsLong_ShouldUseEveryCharacter(int length)
    {
        using var hasher = CreateHasher();
        var ct = TestContext.Current.CancellationToken;
        var password = new string(Random.Shared.GetItems(SaltAlphabet.AsSpan(), length));
        var phc = await hasher.HashAsync(password, ct);

        (await hasher.VerifyAsync(password, phc, ct)).Should().Be(PasswordVerification.Succeeded);
        (await hasher.VerifyAsync(password[..^1], phc, ct)).Should().Be(PasswordVerification.Failed, "a prefix must not match");
        (await hasher.VerifyAsync(password[..72], phc, ct)).Should().Be(PasswordVerification.Failed, "no bcrypt-style 72-byte cut");
        (await hasher.VerifyAsync(password[..^1] + (password[^1] == 'A' ? 'B' : 'A'), phc, ct))
            .Should().Be(PasswordVerification.Failed, "the last character counts");
    }

    [Theory]
    [InlineData("")]
    [InlineData("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW")]
    [InlineData("$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=16$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=2$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$t=1,m=64,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=4,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=99999999,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=64,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=064,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPpt")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA==$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV-9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdB$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE$extra")]
    public async Task VerifyAsync_WhenStoredHashIsMalformedOrUnsupported_ShouldFailWithoutThrowing(string stored)
    {
        using var hasher = CreateHasher();

        var result = await hasher.VerifyAsync("password", stored, TestContext.Current.CancellationToken);

        result.Should().Be(PasswordVerification.Failed);
    }

    [Fact]
    public async Task VerifyAgainstDummyAsync_WhenCalledRepeatedly_ShouldCompleteWithoutError()
    {
        using var hasher = CreateHasher();
        var ct = TestContext.Current.CancellationToken;

        await hasher.VerifyAgainstDummyAsync("someone's guess", ct);
        await hasher.VerifyAgainstDummyAsync("another guess", ct);
    }

    private protected Argon2idPasswordHasher CreateHasher(PasswordHashingOptions? options = null) =>
        new(
            CreateAlgorithm(),
            Options.Create(options ?? new PasswordHashingOptions { MemoryKiB = SmallMemoryKiB, Iterations = SmallIterations }),
            NullLogger<Argon2idPasswordHasher>.Instance,
            TestMetrics.Unobserved);

    /// <summary>1 to 96 bytes (the CLI takes 1 to 127): printable ASCII or mixed UTF-8 text.</summary>
    private static byte[] RandomPassword(Random random)
    {
        var length = random.Next(1, 25);
        if (random.Next(2) == 0)
        {
            return Encoding.ASCII.GetBytes(new string(random.GetItems(SaltAlphabet.AsSpan(), length)));
        }

        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            text.Append(random.GetItems(new[] { "é", "ß", "Ж", "€", "中", "😀", "a", "1", " " }, 1)[0]);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [GeneratedRegex(@"^\$argon2id\$v=19\$m=\d+,t=\d+,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$")]
    private static partial Regex PhcPattern();
}

public sealed class LibsodiumArgon2idContractTests : Argon2idContractTests
{
    private protected override IArgon2idAlgorithm CreateAlgorithm() => new LibsodiumArgon2id();

    private protected override IArgon2idAlgorithm CreateOtherAlgorithm() => new IsopohArgon2id();
}

public sealed class IsopohArgon2idContractTests : Argon2idContractTests
{
    private protected override IArgon2idAlgorithm CreateAlgorithm() => new IsopohArgon2id();

    private protected override IArgon2idAlgorithm CreateOtherAlgorithm() => new LibsodiumArgon2id();
}
