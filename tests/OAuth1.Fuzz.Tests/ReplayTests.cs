using OAuth1.Fuzz;
using OAuth1.Fuzz.Targets;

namespace OAuth1.Fuzz.Tests;

/// <summary>
/// Replays every file of each target's corpus (tests/OAuth1.Fuzz/corpus/TARGET) and every crash ever found
/// (tests/OAuth1.Fuzz/crashes/TARGET) through the same target code that afl++ drives: a contract violation (an
/// undocumented exception, or more allocation than the target's bound) fails the test with its input's name.
/// </summary>
public sealed class ReplayTests
{
    public static TheoryData<string> AuthorizationHeaderInputs => Inputs("authorization-header");

    public static TheoryData<string> FormUrlEncodingInputs => Inputs("form-urlencoded");

    public static TheoryData<string> TokenResponseInputs => Inputs("token-response");

    public static TheoryData<string> CallbackUrlInputs => Inputs("callback-url");

    public static TheoryData<string> RequestVerifierInputs => Inputs("request-verifier");

    public static TheoryData<string> CallbackHandlerInputs => Inputs("callback-handler");

    public static TheoryData<string> PathTemplateInputs => Inputs("path-template");

    [Theory]
    [MemberData(nameof(AuthorizationHeaderInputs))]
    public void AuthorizationHeader(string input) => Replay(new AuthorizationHeaderTarget(), input);

    [Theory]
    [MemberData(nameof(FormUrlEncodingInputs))]
    public void FormUrlEncoding(string input) => Replay(new FormUrlEncodingTarget(), input);

    [Theory]
    [MemberData(nameof(TokenResponseInputs))]
    public void TokenResponse(string input) => Replay(new TokenResponseTarget(), input);

    [Theory]
    [MemberData(nameof(CallbackUrlInputs))]
    public void CallbackUrl(string input) => Replay(new CallbackUrlTarget(), input);

    [Theory]
    [MemberData(nameof(RequestVerifierInputs))]
    public void RequestVerifier(string input) => Replay(new RequestVerifierTarget(), input);

    [Theory]
    [MemberData(nameof(CallbackHandlerInputs))]
    public void CallbackHandler(string input)
    {
        using var target = new CallbackHandlerTarget();
        Replay(target, input);
    }

    [Theory]
    [MemberData(nameof(PathTemplateInputs))]
    public void PathTemplate(string input) => Replay(new PathTemplateTarget(), input);

    [Fact]
    public void EveryTargetHasACorpus()
    {
        Assert.Equal(7, FuzzTargets.Names.Count);
        foreach (string name in FuzzTargets.Names)
        {
            FuzzTarget target = FuzzTargets.Create(name);
            Assert.Equal(name, target.Name);
            (target as IDisposable)?.Dispose();
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "corpus", name)));
        }
    }

    [Fact]
    public void AnUndocumentedExceptionBreaksTheContract()
    {
        var target = new ThrowingTarget(new NullReferenceException("boom"), typeof(Exception));
        var violation = Assert.Throws<FuzzContractException>(() => target.Execute("x"u8));
        Assert.IsType<NullReferenceException>(violation.InnerException);

        // A documented exception passes; an undocumented one does not.
        new ThrowingTarget(new FormatException("bad"), typeof(FormatException)).Execute("x"u8);
        Assert.Throws<FuzzContractException>(() => new ThrowingTarget(new InvalidOperationException("no"), typeof(FormatException)).Execute("x"u8));
    }

    [Fact]
    public void AllocationBeyondTheBoundBreaksTheContract()
    {
        var target = new AllocatingTarget(bytes: 64 * 1024);
        var violation = Assert.Throws<FuzzContractException>(() => target.Execute(new byte[10]));
        Assert.Contains("allocated", violation.Message, StringComparison.Ordinal);
        new AllocatingTarget(bytes: 100).Execute(new byte[10]);
    }

    private static TheoryData<string> Inputs(string target)
    {
        var data = new TheoryData<string>();
        foreach (string folder in (string[])["corpus", "crashes"])
        {
            string path = Path.Combine(AppContext.BaseDirectory, folder, target);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (string file in Directory.GetFiles(path).Order(StringComparer.Ordinal))
            {
                data.Add($"{folder}/{target}/{Path.GetFileName(file)}");
            }
        }

        return data;
    }

    private static void Replay(FuzzTarget target, string input)
    {
        target.Execute(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, input)));
    }

    private sealed class ThrowingTarget(Exception exception, params Type[] documented) : FuzzTarget("throwing", 1024, 64 * 1024, documented)
    {
        protected override void Run(ReadOnlySpan<byte> input) => throw exception;
    }

    private sealed class AllocatingTarget(int bytes) : FuzzTarget("allocating", 1, 1024)
    {
        public byte[]? Kept { get; private set; }

        protected override void Run(ReadOnlySpan<byte> input) => Kept = new byte[bytes];
    }
}
