#pragma warning disable IDE0130 // the compiler looks for this type in this namespace
// netstandard2.0 lacks the marker type that init accessors (and so positional records) compile against.
namespace System.Runtime.CompilerServices;

/// <summary>Lets the compiler emit init-only setters for netstandard2.0.</summary>
internal static class IsExternalInit
{
}
