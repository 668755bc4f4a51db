using System;
using GladiaPS.CommandLine;
using Xunit;

namespace GladiaPS.Driver.Tests
{
    /// <summary>The command line parser the driver, the benchmarks and the perf harness share.</summary>
    public class CommandLineArgumentsTests
    {
        [Fact]
        public void Options_Flags_AndPositionals_AreTakenApart()
        {
            var args = new CommandLineArguments(new[] { "run", "--seconds", "4,8", "--json", "a.wav", "--rate", "8000", "b.wav" }, 1, "--json");

            Assert.Equal(new[] { "a.wav", "b.wav" }, args.Positionals);
            Assert.True(args.Has("--json"));
            Assert.Equal(new[] { 4, 8 }, args.Ints("--seconds", new[] { 1 }));
            Assert.Equal(8000, args.Int("--rate", 16000));
            Assert.Equal(16000, args.Int("--missing", 16000));
            Assert.Equal("b.wav", args.Positional(1));
            Assert.Equal("argument 3 is missing.", Assert.Throws<ArgumentException>(() => args.Positional(2)).Message);
        }

        [Theory]
        [InlineData("--rate")]
        [InlineData("--rate", "--json")]
        public void AnOptionWithoutItsValue_IsNamed(params string[] argv)
        {
            Assert.Equal("--rate needs a value.", Assert.Throws<ArgumentException>(() => new CommandLineArguments(argv, 0, "--json")).Message);
        }

        [Theory]
        [InlineData("0", "--chunk-ms must be a whole number of milliseconds from 1 to 10000, not '0'.")]
        [InlineData("1e3", "--chunk-ms must be a whole number of milliseconds from 1 to 10000, not '1e3'.")]
        public void ABoundedNumber_OutOfRange_IsNamedWithItsRange(string value, string message)
        {
            var args = new CommandLineArguments(new[] { "--chunk-ms", value });

            Assert.Equal(message, Assert.Throws<ArgumentException>(() => args.Int("--chunk-ms", 1, 10_000, "milliseconds")).Message);
            Assert.Null(new CommandLineArguments(Array.Empty<string>()).Int("--chunk-ms", 1, 10_000, "milliseconds"));
        }

        [Fact]
        public void UnknownOptions_AreRefusedByName()
        {
            var args = new CommandLineArguments(new[] { "--dir", "x", "--secnds", "3" });

            Assert.Equal("Unknown option '--secnds'.", Assert.Throws<ArgumentException>(() => args.RefuseUnknown("--dir", "--seconds")).Message);
        }
    }
}
