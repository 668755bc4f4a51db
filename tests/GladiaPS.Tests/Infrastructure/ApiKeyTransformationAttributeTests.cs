using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using GladiaPS.Infrastructure;
using Xunit;

namespace GladiaPS.Tests.Infrastructure
{
    public class ApiKeyTransformationAttributeTests
    {
        private const string Key = "gk-transform-5Rt8Yw2Q";

        private static string Plain(object? transformed) => new NetworkCredential(string.Empty, Assert.IsType<SecureString>(transformed)).Password;

        private static object? Transform(object? input) => new ApiKeyTransformationAttribute().Transform(null!, input);

        [Fact]
        public void String_BecomesASecureString_Trimmed()
        {
            Assert.Equal(Key, Plain(Transform("  " + Key + " ")));
            Assert.Equal(Key, Plain(Transform(new PSObject(Key))));
        }

        [Fact]
        public void SecureString_IsKeptAsIs()
        {
            var secure = new NetworkCredential(string.Empty, Key).SecurePassword;

            Assert.Same(secure, Transform(secure));
        }

        [Fact]
        public void Credential_GivesItsPassword()
        {
            var credential = new PSCredential("gladia", new NetworkCredential(string.Empty, Key).SecurePassword);

            Assert.Equal(Key, Plain(Transform(credential)));
        }

        [Fact]
        public void Null_StaysNull()
        {
            Assert.Null(Transform(null));
        }

        [Fact]
        public void OtherTypes_AreRefused_NamingTheType_NeverTheValue()
        {
            var value = new Uri("http://" + Key + ".example/");

            var error = Assert.Throws<ArgumentTransformationMetadataException>(() => Transform(value));

            Assert.Contains("Uri", error.Message);
            Assert.DoesNotContain(Key, error.Message);
        }
    }
}
