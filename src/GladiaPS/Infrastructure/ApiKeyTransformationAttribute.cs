using System;
using System.Management.Automation;
using System.Security;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// Lets -ApiKey take a SecureString (Get-Secret, Read-Host -AsSecureString), a PSCredential (its password)
    /// or plain text ($env:..., a literal), so every way users keep a key works; the cmdlet only ever holds a SecureString.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ApiKeyTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                    return null;
                case SecureString secure:
                    return secure;
                case PSCredential credential:
                    return credential.Password;
                case string text:
                    return Secrets.ToSecureString(text);
                default:
                    // Say what was given, never its value: it may be the key.
                    throw new ArgumentTransformationMetadataException(
                        "-ApiKey takes a string, a SecureString or a PSCredential, not a " + value.GetType().Name + ".");
            }
        }
    }
}
