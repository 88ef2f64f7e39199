using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ShowroomActors.Host.Configuration;

namespace ShowroomActors.Host.Http;

/// <summary>
/// Absolute URLs that leave the building (QR codes, links on screens): SHOWROOM_PUBLIC_URL when set, else the
/// first address this host listens on.
/// </summary>
public sealed class PublicUrls(HostSettings settings, IServer server)
{
    public Uri BaseUrl
    {
        get
        {
            if (settings.PublicBaseUrl is { } configured) return configured;
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? ShowroomHost.DefaultUrl;
            return new Uri(address.TrimEnd('/'));
        }
    }

    /// <summary>The absolute URL of <paramref name="path"/> (which starts with '/').</summary>
    public string For(string path) => BaseUrl.GetLeftPart(UriPartial.Authority) + BaseUrl.AbsolutePath.TrimEnd('/') + path;
}
