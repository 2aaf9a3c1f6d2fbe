#pragma warning disable IDE0130 // The compiler looks for this type in this namespace.
namespace System.Runtime.CompilerServices;

/// <summary>Lets netstandard2.0 code declare <c>init</c> accessors and records (the plan types).</summary>
internal static class IsExternalInit
{
}
