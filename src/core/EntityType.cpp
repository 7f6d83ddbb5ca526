#include "EntityType.h"

#include <QCoreApplication>

namespace EntityTypes {

QList<EntityType> standard()
{
    return { EntityType::Quotes,    EntityType::Invoices,     EntityType::Purchases,
             EntityType::Customers, EntityType::BankAccounts, EntityType::Inbox };
}

QList<EntityType> all()
{
    return standard() + QList<EntityType> { EntityType::Vouchers, EntityType::Archive, EntityType::SupplierInvoices };
}

QString folderName(EntityType type)
{
    switch (type) {
    case EntityType::Quotes:
        return QStringLiteral("Quotes");
    case EntityType::Invoices:
        return QStringLiteral("Invoices");
    case EntityType::Purchases:
        return QStringLiteral("Purchases");
    case EntityType::Customers:
        return QStringLiteral("Customers");
    case EntityType::BankAccounts:
        return QStringLiteral("BankAccounts");
    case EntityType::Inbox:
        return QStringLiteral("Inbox");
    case EntityType::Vouchers:
        return QStringLiteral("Vouchers");
    case EntityType::Archive:
        return QStringLiteral("Archive");
    case EntityType::SupplierInvoices:
        return QStringLiteral("SupplierInvoices");
    }
    Q_UNREACHABLE();
}

QString urlName(EntityType type)
{
    return folderName(type).toLower();
}

std::optional<EntityType> fromName(const QString& name)
{
    for (EntityType type : all()) {
        if (name.compare(folderName(type), Qt::CaseInsensitive) == 0)
            return type;
    }
    return std::nullopt;
}

QString displayName(EntityType type)
{
    switch (type) {
    case EntityType::Quotes:
        return QCoreApplication::translate("EntityType", "Quotes");
    case EntityType::Invoices:
        return QCoreApplication::translate("EntityType", "Invoices");
    case EntityType::Purchases:
        return QCoreApplication::translate("EntityType", "Purchases");
    case EntityType::Customers:
        return QCoreApplication::translate("EntityType", "Customers");
    case EntityType::BankAccounts:
        return QCoreApplication::translate("EntityType", "Bank accounts");
    case EntityType::Inbox:
        return QCoreApplication::translate("EntityType", "Inbox");
    case EntityType::Vouchers:
        return QCoreApplication::translate("EntityType", "Vouchers");
    case EntityType::Archive:
        return QCoreApplication::translate("EntityType", "Archive");
    case EntityType::SupplierInvoices:
        return QCoreApplication::translate("EntityType", "Supplier invoices");
    }
    Q_UNREACHABLE();
}

QString keyLabel(EntityType type)
{
    switch (type) {
    case EntityType::Quotes:
        return QCoreApplication::translate("EntityType", "Quote number");
    case EntityType::Invoices:
        return QCoreApplication::translate("EntityType", "Invoice number");
    case EntityType::Purchases:
        return QCoreApplication::translate("EntityType", "Purchase number");
    case EntityType::Customers:
        return QCoreApplication::translate("EntityType", "Customer code");
    case EntityType::BankAccounts:
        return QCoreApplication::translate("EntityType", "Bank account name");
    case EntityType::Inbox:
    case EntityType::Archive:
        return QCoreApplication::translate("EntityType", "Folder name");
    case EntityType::Vouchers:
        return QCoreApplication::translate("EntityType", "Voucher");
    case EntityType::SupplierInvoices:
        return QCoreApplication::translate("EntityType", "Supplier invoice number");
    }
    Q_UNREACHABLE();
}

QString entityTitle(EntityType type, const QString& id)
{
    switch (type) {
    case EntityType::Quotes:
        return QCoreApplication::translate("EntityType", "Quote %1").arg(id);
    case EntityType::Invoices:
        return QCoreApplication::translate("EntityType", "Invoice %1").arg(id);
    case EntityType::Purchases:
        return QCoreApplication::translate("EntityType", "Purchase %1").arg(id);
    case EntityType::Customers:
        return QCoreApplication::translate("EntityType", "Customer %1").arg(id);
    case EntityType::BankAccounts:
        return QCoreApplication::translate("EntityType", "Bank account %1").arg(id);
    case EntityType::Inbox:
        return QCoreApplication::translate("EntityType", "Inbox folder %1").arg(id);
    case EntityType::Vouchers:
        return QCoreApplication::translate("EntityType", "Voucher %1").arg(id);
    case EntityType::Archive:
        return QCoreApplication::translate("EntityType", "Archive folder %1").arg(id);
    case EntityType::SupplierInvoices:
        return QCoreApplication::translate("EntityType", "Supplier invoice %1").arg(id);
    }
    Q_UNREACHABLE();
}

} // namespace EntityTypes
