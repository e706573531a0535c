using NsmDashboard.Web.Hosting;

return new NsmDashboardApp(args).Run();
