using Microsoft.Extensions.DependencyInjection;
using ShowroomActors.Actors;
using ShowroomActors.Application.Alerts;
using ShowroomActors.Application.Buyers;
using ShowroomActors.Application.Catalog;
using ShowroomActors.Application.Orders;
using ShowroomActors.Application.Shelves;

namespace ShowroomActors.Application;

public static class ApplicationServices
{
    /// <summary>Registers the use cases (singletons: they hold no request state) over the running <see cref="ShowroomSystem"/>.</summary>
    public static IServiceCollection AddShowroomApplication(this IServiceCollection services)
    {
        services.AddSingleton(s => new ActorGateway(s.GetRequiredService<ShowroomSystem>()));
        services.AddSingleton(s => s.GetRequiredService<ShowroomSystem>().QuotaReportStore);
        services.AddSingleton<CatalogUseCases>();
        services.AddSingleton<ShelfUseCases>();
        services.AddSingleton<SensorIngest>();
        services.AddSingleton<DeviceSessions>();
        services.AddSingleton<DeviceFleet>();
        services.AddSingleton<DisplayFeed>();
        services.AddSingleton<FloorFeed>();
        services.AddSingleton<BuyerUseCases>();
        services.AddSingleton<OrderHistoryReader>();
        services.AddSingleton<OrderUseCases>();
        services.AddSingleton(s => new OrderBoard(s.GetRequiredService<ShowroomSystem>().OrderBoardStore));
        services.AddSingleton<AlertUseCases>();
        services.AddSingleton<AlertFeed>();
        services.AddSingleton<WebhookUseCases>();
        services.AddSingleton(s => new OrderMetrics(s.GetRequiredService<ShowroomSystem>().OrderBoardStore,
            s.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        return services;
    }
}
