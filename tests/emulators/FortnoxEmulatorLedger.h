#pragma once

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

// The emulated company's records that files are connected to (supplier invoices, vouchers and the financial years
// vouchers are numbered in), and the connections made. Only the fields Fortnox lists are kept.
class FortnoxEmulatorLedger
{
public:
    struct SupplierInvoice
    {
        int givenNumber = 0; // Fortnox's own number, which connections name; 0: the next free one
        QString supplierNumber;
        QString supplierName;
        QString invoiceNumber; // the supplier's
        QDate invoiceDate;
        QDate dueDate;
        double total = 0;
        QString currency = QStringLiteral("SEK");
        QString ocr;
        bool booked = false;
    };

    struct FinancialYear
    {
        int id = 0;
        QDate from;
        QDate to;
    };

    struct Voucher
    {
        QString series;
        int number = 0; // 0: the next free one in its series and year
        int year = 0; // the financial year's id; 0: the year of the transaction date
        QDate transactionDate;
        QString description;
    };

    enum class Target { SupplierInvoice, Voucher };

    struct Connection
    {
        Target target = Target::SupplierInvoice;
        QString fileId; // as the client gave it: the inbox file's Id
        QString archiveFileId; // where the file now is in the archive
        QString name;
        int supplierInvoiceNumber = 0;
        QString voucherSeries;
        int voucherNumber = 0;
        int voucherYear = 0;
    };

    SupplierInvoice addSupplierInvoice(SupplierInvoice invoice);
    QList<SupplierInvoice> supplierInvoices() const { return m_supplierInvoices; }
    std::optional<SupplierInvoice> supplierInvoice(int givenNumber) const;

    void addFinancialYear(const FinancialYear& year);
    QList<FinancialYear> financialYears() const { return m_financialYears; }
    // The year a date falls in; none when the company has no such year.
    std::optional<FinancialYear> financialYearOf(const QDate& date) const;
    std::optional<FinancialYear> financialYear(int id) const;

    // None when no financial year takes the voucher.
    std::optional<Voucher> addVoucher(Voucher voucher);
    QList<Voucher> vouchers() const { return m_vouchers; }
    std::optional<Voucher> voucher(const QString& series, int number, int year) const;

    void addConnection(const Connection& connection) { m_connections.append(connection); }
    QList<Connection> connections() const { return m_connections; }
    QList<Connection> connections(Target target) const;
    std::optional<Connection> connection(Target target, const QString& fileId) const;
    // Whether the file is connected to anything.
    bool isConnected(const QString& fileId) const;
    bool removeConnection(Target target, const QString& fileId);

private:
    QList<SupplierInvoice> m_supplierInvoices;
    QList<FinancialYear> m_financialYears;
    QList<Voucher> m_vouchers;
    QList<Connection> m_connections;
};
