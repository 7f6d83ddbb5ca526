#include "NaturalOrder.h"

namespace NaturalOrder {

int compare(const QString& a, const QString& b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a.at(i).isDigit() && b.at(j).isDigit()) {
            // Compare whole runs of digits by value: skip leading zeros, then the longer run is larger.
            qsizetype startA = i, startB = j;
            while (startA < a.size() && a.at(startA) == QLatin1Char('0'))
                ++startA;
            while (startB < b.size() && b.at(startB) == QLatin1Char('0'))
                ++startB;
            qsizetype endA = startA, endB = startB;
            while (endA < a.size() && a.at(endA).isDigit())
                ++endA;
            while (endB < b.size() && b.at(endB).isDigit())
                ++endB;
            if (endA - startA != endB - startB)
                return (endA - startA) < (endB - startB) ? -1 : 1;
            const int digits
                = QStringView(a).sliced(startA, endA - startA).compare(QStringView(b).sliced(startB, endB - startB));
            if (digits != 0)
                return digits;
            i = endA;
            j = endB;
            continue;
        }
        const int letters = QString::compare(a.at(i), b.at(j), Qt::CaseInsensitive);
        if (letters != 0)
            return letters;
        ++i;
        ++j;
    }
    if (i < a.size() || j < b.size())
        return i < a.size() ? 1 : -1;
    // Equal ignoring case and zeros: fall back to a plain comparison so that the order is total.
    return QString::compare(a, b);
}

} // namespace NaturalOrder
