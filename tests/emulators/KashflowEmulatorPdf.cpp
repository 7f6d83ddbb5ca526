#include "KashflowEmulatorPdf.h"

#include <QList>

namespace KashflowEmulatorPdf {

namespace {

// A PDF string literal: backslash, parentheses and anything outside printable Latin-1 escaped.
QByteArray literal(const QString& text)
{
    QByteArray out = "(";
    for (const QChar c : text) {
        const ushort code = c.unicode();
        if (code == '\\' || code == '(' || code == ')')
            out += '\\' + QByteArray(1, char(code));
        else if (code >= 0x20 && code < 0x7F)
            out += char(code);
        else if (code >= 0xA0 && code <= 0xFF)
            out += '\\' + QByteArray::number(code, 8).rightJustified(3, '0');
        else
            out += '?';
    }
    return out + ')';
}

} // namespace

QByteArray document(const QString& title, const QStringList& lines)
{
    QByteArray content = "BT\n/F1 18 Tf\n56 780 Td\n" + literal(title) + " Tj\n/F1 11 Tf\n0 -30 Td\n";
    for (const QString& line : lines)
        content += literal(line) + " Tj\n0 -16 Td\n";
    content += "ET\n";

    const QList<QByteArray> objects {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length " + QByteArray::number(content.size()) + " >>\nstream\n" + content + "endstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    };
    QByteArray pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    QList<qsizetype> offsets;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        offsets.append(pdf.size());
        pdf += QByteArray::number(i + 1) + " 0 obj\n" + objects.at(i) + "\nendobj\n";
    }
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 " + QByteArray::number(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const qsizetype offset : offsets)
        pdf += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
    pdf += "trailer\n<< /Size " + QByteArray::number(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n"
        + QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

} // namespace KashflowEmulatorPdf
