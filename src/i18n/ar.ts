/**
 * Arabic (ar): a right-to-left sample showing the layout mirrors. Loaded as the
 * chunk `talkdock-locale-ar.js`. Error messages fall back to English.
 */
import type { Strings } from './types'

export const strings: Strings = {
  dir: 'rtl',
  openChat: 'فتح الدردشة',
  closeChat: 'إغلاق الدردشة',
  newChat: 'محادثة جديدة',
  assistant: 'المساعد',
  placeholder: 'اكتب رسالة…',
  message: 'رسالة',
  send: 'إرسال',
  stop: 'إيقاف',
  retry: 'إعادة المحاولة',
  log: 'المحادثة',
  typing: '{name} يكتب',
  starters: 'أسئلة مقترحة',
  earlier: 'عرض الرسائل السابقة',
  notSent: 'لم تُرسل.',
  cut: 'انقطع الرد.',
  stopped: 'تم الإيقاف',
  waiting: 'في انتظار الإرسال…',
  waitingNet: 'في انتظار الاتصال…',
  retrying: 'مشكلة في الاتصال، جارٍ إعادة المحاولة…',
  sending: 'جارٍ الإرسال…',
  offline: 'أنت غير متصل. سيتم إرسال الرسائل عند عودة الاتصال.',
  e_network: 'تعذر الوصول إلى المساعد. تحقق من اتصالك وحاول مرة أخرى.',
  e_server_error: 'حدث خطأ من جهتنا. يرجى المحاولة مرة أخرى.',
}
