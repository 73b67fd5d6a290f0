// Runs before ../boot (imported first): the old embed calls
// TradeZoneChatEnhanced.init(...) itself, so this tag must not boot from data-*.
document.currentScript?.setAttribute('data-manual', '')
