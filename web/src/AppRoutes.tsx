import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireAuth } from './auth/RequireAuth';
import { RequirePermission } from './auth/RequirePermission';
import { SessionProvider } from './auth/SessionContext';
import { AppLayout } from './layout/AppLayout';
import { DashboardPage } from './pages/DashboardPage';
import { ForgotPasswordPage } from './pages/login/ForgotPasswordPage';
import { LoginPage } from './pages/login/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { CategoriesPage } from './pages/customers/categories/CategoriesPage';
import { CategoryCustomersPage } from './pages/customers/categories/CategoryCustomersPage';
import { CustomerDetailPage } from './pages/customers/CustomerDetailPage';
import { CustomersPage } from './pages/customers/CustomersPage';
import { DuplicatesPage } from './pages/customers/duplicates/DuplicatesPage';
import { ImportPage } from './pages/customers/import/ImportPage';
import { ChannelsPage } from './pages/interactions/ChannelsPage';
import { InteractionsPage } from './pages/interactions/InteractionsPage';
import { RecycleBinPage } from './pages/customers/recycle/RecycleBinPage';
import { ApiTokensPage } from './pages/system/tokens/ApiTokensPage';
import { AuditLogPage } from './pages/system/logs/AuditLogPage';
import { LoginLogPage } from './pages/system/logs/LoginLogPage';
import { RolesPage } from './pages/system/roles/RolesPage';
import { SettingsPage } from './pages/system/settings/SettingsPage';
import { UsersPage } from './pages/system/users/UsersPage';
import { AfterSaleDetailPage } from './pages/orders/afterSales/AfterSaleDetailPage';
import { AfterSalesPage } from './pages/orders/afterSales/AfterSalesPage';
import { AuditQueuePage } from './pages/orders/audit/AuditQueuePage';
import { ProductsPage } from './pages/orders/catalog/ProductsPage';
import { StockPage } from './pages/orders/catalog/StockPage';
import { OrderDetailPage } from './pages/orders/OrderDetailPage';
import { OrderImportPage } from './pages/orders/import/OrderImportPage';
import { OrdersPage } from './pages/orders/OrdersPage';
import { OrderReportsPage } from './pages/orders/reports/OrderReportsPage';
import { AnalyticsDashboardPage } from './pages/analytics/AnalyticsDashboardPage';
import { ChurnPage } from './pages/analytics/ChurnPage';
import { ConsumptionPage } from './pages/analytics/ConsumptionPage';
import { CustomerValuePage } from './pages/analytics/CustomerValuePage';

const guarded = (permission: string, page: ReactNode) => <RequirePermission permission={permission}>{page}</RequirePermission>;

export function AppRoutes() {
  return (
    <SessionProvider>
      <Routes>
        <Route path="login" element={<LoginPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          <Route index element={<Navigate to="/dashboard" replace />} />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="customers">
            <Route index element={guarded('customers.view', <CustomersPage />)} />
            <Route path="categories" element={guarded('customers.view', <CategoriesPage />)} />
            <Route path="categories/:id" element={guarded('customers.view', <CategoryCustomersPage />)} />
            <Route path="recycle-bin" element={guarded('customers.delete', <RecycleBinPage />)} />
            <Route path="import" element={guarded('customers.edit', <ImportPage />)} />
            <Route path="duplicates" element={guarded('customers.edit', <DuplicatesPage />)} />
            <Route path=":id" element={guarded('customers.view', <CustomerDetailPage />)} />
          </Route>
          <Route path="interactions">
            <Route index element={guarded('interactions.view', <InteractionsPage />)} />
            <Route path="channels" element={guarded('interactions.manage', <ChannelsPage />)} />
          </Route>
          <Route path="orders">
            <Route index element={guarded('orders.view', <OrdersPage />)} />
            <Route path="audit" element={guarded('orders.audit', <AuditQueuePage />)} />
            <Route path="import" element={guarded('orders.create', <OrderImportPage />)} />
            <Route path="reports" element={guarded('orders.reports', <OrderReportsPage />)} />
            <Route path=":id" element={guarded('orders.view', <OrderDetailPage />)} />
          </Route>
          <Route path="after-sales">
            <Route index element={guarded('orders.view', <AfterSalesPage />)} />
            <Route path=":id" element={guarded('orders.view', <AfterSaleDetailPage />)} />
          </Route>
          <Route path="products" element={guarded('products.view', <ProductsPage />)} />
          <Route path="stock" element={guarded('products.view', <StockPage />)} />
          <Route path="analytics">
            <Route index element={guarded('analytics.view', <AnalyticsDashboardPage />)} />
            <Route path="consumption" element={guarded('analytics.view', <ConsumptionPage />)} />
            <Route path="value" element={guarded('analytics.view', <CustomerValuePage />)} />
            <Route path="churn" element={guarded('analytics.view', <ChurnPage />)} />
          </Route>
          <Route path="system">
            <Route index element={<Navigate to="/system/users" replace />} />
            <Route path="users" element={guarded('users.view', <UsersPage />)} />
            <Route path="roles" element={guarded('roles.view', <RolesPage />)} />
            <Route path="settings" element={guarded('settings.view', <SettingsPage />)} />
            <Route path="login-log" element={guarded('logs.view', <LoginLogPage />)} />
            <Route path="audit-log" element={guarded('audit.view', <AuditLogPage />)} />
            <Route path="api-tokens" element={guarded('tokens.manage', <ApiTokensPage />)} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}
