using System.Collections.ObjectModel;

namespace OAuth1.Fuzz;

/// <summary>
/// One fuzz target: a place that reads outside input, driven with one input at a time, and its contract. The
/// contract is always: the target gives its result, or throws one of its documented exception types; nothing else
/// passes. <see cref="Execute"/> also bounds what one input may allocate on the calling thread to
/// <see cref="BytesPerInputByte"/> × input length + <see cref="ConstantBytes"/> (afl++ cannot see allocations).
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>Exception types that fail every target, whatever its documented list says.</summary>
    private static readonly Type[] Forbidden =
    [
        typeof(NullReferenceException),
        typeof(IndexOutOfRangeException),
        typeof(InvalidCastException),
        typeof(KeyNotFoundException),
        typeof(OverflowException),
    ];

    /// <summary>Creates a target.</summary>
    /// <param name="name">The name on the command line and of the corpus folder.</param>
    /// <param name="bytesPerInputByte">k of the allocation bound k × length + c.</param>
    /// <param name="constantBytes">c of the allocation bound.</param>
    /// <param name="documentedExceptions">The exception types the target may throw (subtypes included).</param>
    protected FuzzTarget(string name, long bytesPerInputByte, long constantBytes, params Type[] documentedExceptions)
    {
        Name = name;
        BytesPerInputByte = bytesPerInputByte;
        ConstantBytes = constantBytes;
        DocumentedExceptions = new ReadOnlyCollection<Type>(documentedExceptions);
    }

    /// <summary>The name on the command line and of the corpus folder (<c>corpus/NAME</c>, <c>crashes/NAME</c>).</summary>
    public string Name { get; }

    /// <summary>The bytes one input may allocate per byte of input (k).</summary>
    public long BytesPerInputByte { get; }

    /// <summary>The bytes one input may allocate whatever its length (c).</summary>
    public long ConstantBytes { get; }

    /// <summary>The exception types the target is documented to throw; any other is a contract violation.</summary>
    public IReadOnlyList<Type> DocumentedExceptions { get; }

    /// <summary>
    /// Runs one input and checks the contract. When the input allocates more than the bound, it is run once more and
    /// fails only if it does again: the first run of a path pays one-time costs (type loading, lazy caches, the first
    /// data-protection key) that are not the input's.
    /// </summary>
    /// <param name="input">The input as afl++ wrote it.</param>
    /// <exception cref="FuzzContractException">The target broke its contract.</exception>
    public void Execute(ReadOnlySpan<byte> input)
    {
        long bound = (BytesPerInputByte * input.Length) + ConstantBytes;
        long allocated = Measure(input);
        if (allocated > bound)
        {
            allocated = Measure(input);
            if (allocated > bound)
            {
                throw new FuzzContractException(
                    $"{Name}: {input.Length} bytes of input allocated {allocated} bytes, more than {BytesPerInputByte} × {input.Length} + {ConstantBytes} = {bound}.");
            }
        }
    }

    /// <summary>Whether <paramref name="exception"/> is an outcome the contract allows.</summary>
    /// <param name="exception">What the target threw.</param>
    /// <returns>Whether it is documented and not forbidden.</returns>
    public bool IsDocumented(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Type type = exception.GetType();
        if (Array.Exists(Forbidden, forbidden => forbidden.IsAssignableFrom(type)))
        {
            return false;
        }

        foreach (Type documented in DocumentedExceptions)
        {
            if (documented.IsAssignableFrom(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs the input once: what it allocated on this thread, or the contract violation it caused.</summary>
    private long Measure(ReadOnlySpan<byte> input)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        Exception? thrown = null;
        try
        {
            Run(input);
        }
        catch (FuzzContractException)
        {
            throw;
        }
        catch (Exception ex)
        {
            thrown = ex;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (thrown is not null && !IsDocumented(thrown))
        {
            throw new FuzzContractException($"{Name}: {thrown.GetType().FullName} is not a documented outcome: {thrown.Message}", thrown);
        }

        return allocated;
    }

    /// <summary>Drives the target with one input; throws a <see cref="FuzzContractException"/> when a result breaks the contract.</summary>
    /// <param name="input">The input.</param>
    protected abstract void Run(ReadOnlySpan<byte> input);

    /// <summary>Fails the contract unless <paramref name="condition"/> holds.</summary>
    /// <param name="condition">What must hold.</param>
    /// <param name="what">What broke, for the crash report.</param>
    /// <exception cref="FuzzContractException"><paramref name="condition"/> is false.</exception>
    protected void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new FuzzContractException($"{Name}: {what}");
        }
    }
}

/// <summary>A target broke its contract: afl++ records the input as a crash, and the replay test fails on it.</summary>
public sealed class FuzzContractException : Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">What broke.</param>
    public FuzzContractException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the exception the target threw.</summary>
    /// <param name="message">What broke.</param>
    /// <param name="innerException">The undocumented exception.</param>
    public FuzzContractException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
