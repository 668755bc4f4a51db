#if NETSTANDARD2_0
namespace System.Runtime.CompilerServices
{
    /// <summary>Lets netstandard2.0 compile init-only setters and records; .NET 5+ has it built in.</summary>
    internal static class IsExternalInit
    {
    }
}
#endif
