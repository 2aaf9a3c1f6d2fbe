namespace AtomicWrite.Analyzers.Internals;

/// <summary>
/// Keeps a bug in a rule's heuristics from breaking the user's build: every callback a rule registers runs through
/// <see cref="Run(Action)"/> or <see cref="Wrap{TContext}(Action{TContext})"/>, which drop the callback's reports on an
/// unexpected exception instead of letting the driver turn it into AD0001. Cancellation always propagates.
/// </summary>
internal static class AnalyzerGuard
{
    /// <summary>
    /// When true, unexpected exceptions are rethrown (the analyzer tests and the corpus tool set it, so that a bug
    /// shows as AD0001). Shipping builds leave it false.
    /// </summary>
    internal static bool RethrowUnexpectedExceptions { get; set; }

    /// <summary>Runs <paramref name="action"/>; an unexpected exception is swallowed unless the tests ask otherwise.</summary>
    public static void Run(Action action) => Run(static a => a(), action, RethrowUnexpectedExceptions);

    /// <summary>Runs <paramref name="action"/>; an unexpected exception is swallowed unless <paramref name="rethrow"/>.</summary>
    internal static void Run(Action action, bool rethrow) => Run(static a => a(), action, rethrow);

    /// <summary>
    /// A callback that runs <paramref name="action"/> guarded, without allocating per call (it is registered for
    /// every invocation of the compilation).
    /// </summary>
    public static Action<TContext> Wrap<TContext>(Action<TContext> action) => context => Run(action, context, RethrowUnexpectedExceptions);

    private static void Run<T>(Action<T> action, T argument, bool rethrow)
    {
        try
        {
            action(argument);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception) when (!rethrow)
        {
            // The callback simply reports nothing.
        }
    }
}
