using Xunit;
namespace GladiaPS.Core.Tests { public class SmokeTests { [Fact] public void Version_IsSet() => Assert.StartsWith("GladiaPS/", GladiaPS.Core.GladiaClientInfo.ProductToken); } }
