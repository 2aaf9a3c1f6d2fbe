#if NETSTANDARD2_0
// netstandard2.0 lacks the marker type that init accessors compile against.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
#endif
