#include "FortnoxEmulatorLedger.h"

#include <algorithm>

FortnoxEmulatorLedger::SupplierInvoice FortnoxEmulatorLedger::addSupplierInvoice(SupplierInvoice invoice)
{
    if (invoice.givenNumber == 0) {
        int highest = 0;
        for (const SupplierInvoice& existing : std::as_const(m_supplierInvoices))
            highest = qMax(highest, existing.givenNumber);
        invoice.givenNumber = highest + 1;
    }
    m_supplierInvoices.append(invoice);
    std::stable_sort(m_supplierInvoices.begin(), m_supplierInvoices.end(),
                     [](const SupplierInvoice& a, const SupplierInvoice& b) { return a.givenNumber < b.givenNumber; });
    return invoice;
}

std::optional<FortnoxEmulatorLedger::SupplierInvoice> FortnoxEmulatorLedger::supplierInvoice(int givenNumber) const
{
    for (const SupplierInvoice& invoice : m_supplierInvoices) {
        if (invoice.givenNumber == givenNumber)
            return invoice;
    }
    return std::nullopt;
}

void FortnoxEmulatorLedger::addFinancialYear(const FinancialYear& year)
{
    m_financialYears.append(year);
}

std::optional<FortnoxEmulatorLedger::FinancialYear> FortnoxEmulatorLedger::financialYearOf(const QDate& date) const
{
    for (const FinancialYear& year : m_financialYears) {
        if (date >= year.from && date <= year.to)
            return year;
    }
    return std::nullopt;
}

std::optional<FortnoxEmulatorLedger::FinancialYear> FortnoxEmulatorLedger::financialYear(int id) const
{
    for (const FinancialYear& year : m_financialYears) {
        if (year.id == id)
            return year;
    }
    return std::nullopt;
}

std::optional<FortnoxEmulatorLedger::Voucher> FortnoxEmulatorLedger::addVoucher(Voucher voucher)
{
    if (voucher.year == 0) {
        const std::optional<FinancialYear> year = financialYearOf(voucher.transactionDate);
        if (!year)
            return std::nullopt;
        voucher.year = year->id;
    } else if (!financialYear(voucher.year)) {
        return std::nullopt;
    }
    if (voucher.number == 0) {
        int highest = 0;
        for (const Voucher& existing : std::as_const(m_vouchers)) {
            if (existing.series == voucher.series && existing.year == voucher.year)
                highest = qMax(highest, existing.number);
        }
        voucher.number = highest + 1;
    }
    m_vouchers.append(voucher);
    // Fortnox lists vouchers by series, then number.
    std::stable_sort(m_vouchers.begin(), m_vouchers.end(), [](const Voucher& a, const Voucher& b) {
        return a.series != b.series ? a.series < b.series : a.number < b.number;
    });
    return voucher;
}

std::optional<FortnoxEmulatorLedger::Voucher> FortnoxEmulatorLedger::voucher(const QString& series, int number,
                                                                             int year) const
{
    for (const Voucher& voucher : m_vouchers) {
        if (voucher.series.compare(series, Qt::CaseInsensitive) == 0 && voucher.number == number
            && voucher.year == year)
            return voucher;
    }
    return std::nullopt;
}

QList<FortnoxEmulatorLedger::Connection> FortnoxEmulatorLedger::connections(Target target) const
{
    QList<Connection> list;
    for (const Connection& connection : m_connections) {
        if (connection.target == target)
            list.append(connection);
    }
    return list;
}

std::optional<FortnoxEmulatorLedger::Connection> FortnoxEmulatorLedger::connection(Target target,
                                                                                   const QString& fileId) const
{
    for (const Connection& connection : m_connections) {
        if (connection.target == target && connection.fileId == fileId)
            return connection;
    }
    return std::nullopt;
}

bool FortnoxEmulatorLedger::isConnected(const QString& fileId) const
{
    return std::any_of(m_connections.begin(), m_connections.end(), [&fileId](const Connection& connection) {
        return connection.fileId == fileId || connection.archiveFileId == fileId;
    });
}

bool FortnoxEmulatorLedger::removeConnection(Target target, const QString& fileId)
{
    const auto it = std::find_if(m_connections.begin(), m_connections.end(), [&](const Connection& connection) {
        return connection.target == target && connection.fileId == fileId;
    });
    if (it == m_connections.end())
        return false;
    m_connections.erase(it);
    return true;
}
