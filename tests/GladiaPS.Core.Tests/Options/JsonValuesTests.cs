using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using GladiaPS.Core.Options;
using Xunit;

namespace GladiaPS.Core.Tests.Options
{
    public class JsonValuesTests
    {
        [Fact]
        public void Hashtable_BecomesMetadata_WithNestedValues()
        {
            var table = new Hashtable
            {
                ["team"] = "ops",
                ["room"] = 4,
                ["ratio"] = 0.5,
                ["vip"] = true,
                ["tags"] = new object[] { "a", 2L },
                ["when"] = new DateTimeOffset(2026, 2, 14, 10, 0, 0, TimeSpan.Zero),
                ["inner"] = new Dictionary<string, object?> { ["x"] = null },
            };

            var options = new LiveSessionOptions { CustomMetadata = JsonValues.ToJsonObject(table) };

            var expected = JsonNode.Parse("{\"team\":\"ops\",\"room\":4,\"ratio\":0.5,\"vip\":true,\"tags\":[\"a\",2],"
                + "\"when\":\"2026-02-14T10:00:00.0000000+00:00\",\"inner\":{\"x\":null}}");
            Assert.True(JsonNode.DeepEquals(expected, options.ToJsonObject()["custom_metadata"]));
        }

        [Fact]
        public void UnsupportedValue_IsRejectedWithItsPath()
        {
            var table = new Hashtable { ["inner"] = new Hashtable { ["bad"] = new object() } };

            var error = Assert.Throws<GladiaValidationException>(() => JsonValues.ToJsonObject(table));

            Assert.Equal("custom_metadata.inner.bad", error.Field);
            Assert.Contains("cannot be sent as JSON", error.Message);
        }

        [Fact]
        public void NonFiniteNumber_IsRejected()
        {
            Assert.Equal("custom_metadata.x", Assert.Throws<GladiaValidationException>(() => JsonValues.ToJsonObject(new Hashtable { ["x"] = double.NaN })).Field);
        }

        [Fact]
        public void SelfContainingList_IsRejectedInsteadOfOverflowing()
        {
            var list = new ArrayList();
            list.Add(list);

            Assert.Contains("nested more than", Assert.Throws<GladiaValidationException>(() => JsonValues.ToJsonNode(list, "x")).Message);
        }
    }
}
