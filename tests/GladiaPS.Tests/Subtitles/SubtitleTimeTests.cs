using System.Linq;
using System.Management.Automation;
using GladiaPS.Core.Models;
using GladiaPS.Tests.Hosting;
using Xunit;

namespace GladiaPS.Tests.Subtitles
{
    /// <summary>An utterance whose times cannot be written is one non-terminating error; the others are still written.</summary>
    [Collection(ModuleHostCollection.Name)]
    public class SubtitleTimeTests
    {
        private readonly ModuleHost _host;

        public SubtitleTimeTests(ModuleHost host) => _host = host;

        [Theory]
        [InlineData(double.NaN, 1.0)]
        [InlineData(0.0, 1e300)]
        [InlineData(double.NegativeInfinity, 1.0)]
        public void AnUtteranceWithATimeOutOfRange_IsLeftOutWithAnError(double start, double end)
        {
            var bad = new Utterance { Text = "bad", Start = start, End = end };
            var good = new Utterance { Text = "good", Start = 1, End = 2 };

            using var ps = PowerShell.Create(_host.OpenRunspace());
            ps.AddScript("param($u) $u | ConvertTo-GladiaSubtitle -Format Srt").AddArgument(new[] { bad, good });
            var output = ps.Invoke();

            var error = Assert.Single(ps.Streams.Error);
            Assert.StartsWith("InvalidTime", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            var srt = Assert.IsType<GladiaSubtitle>(Assert.Single(output).BaseObject).Text;
            Assert.Contains("00:00:01,000 --> 00:00:02,000\ngood", srt);
            Assert.DoesNotContain("bad", srt);
        }
    }
}
