using Xunit;
namespace GladiaPS.Emulator.Tests { public class SmokeTests { [Fact] public void Runs() => Assert.True(true); } }
