// netstandard2.0 lacks the nullable-analysis attributes; the compiler recognises them by name, so an internal
// copy gives callers of the try-methods the same flow analysis as on .NET Core.
namespace System.Diagnostics.CodeAnalysis
{
    /// <summary>The out argument is not null when the method returns <see cref="ReturnValue"/>.</summary>
    [AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
    internal sealed class NotNullWhenAttribute : Attribute
    {
        public NotNullWhenAttribute(bool returnValue) => ReturnValue = returnValue;

        public bool ReturnValue { get; }
    }
}
