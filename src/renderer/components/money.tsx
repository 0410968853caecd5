// Amounts are integer cents end to end; only this component turns them into text, in the UI language.
import { useTranslation } from 'react-i18next';
import { formatCentsEn, formatCentsIt } from '../../common/money';

export function formatMoney(cents: number, language: string): string {
  return language === 'en' ? formatCentsEn(cents) : formatCentsIt(cents);
}

export function useMoney(): (cents: number) => string {
  const { i18n } = useTranslation();
  return (cents) => formatMoney(cents, i18n.language);
}

export function Money({ cents, className }: { cents: number; className?: string }) {
  const fmt = useMoney();
  return <span className={className ? `amount ${className}` : 'amount'}>{fmt(cents)}</span>;
}
