"""Traditional Chinese characters to simplified, for the characters common in company names, so
that one glossary serves names written either way (貿易 and 贸易 are both "trading").

No installed library carries such a table (pypinyin reads both forms alike but does not convert
them), so this is a short one, written for Countersight. Only one-to-one conversions whose pinyin
is the same on both sides are listed: a brand's pinyin does not change by the conversion."""

from __future__ import annotations

from functools import lru_cache

_PAIRS = (
    "電电 國国 際际 貿贸 業业 發发 機机 術术 資资 訊讯 網网 絡络 達达 門门 灣湾 "
    "東东 廣广 蘇苏 廈厦 義义 烏乌 態态 澤泽 遠远 愛爱 麗丽 絲丝 銘铭 樂乐 亞亚 "
    "時时 碼码 蘿萝 繽缤 購购 團团 責责 體体 導导 鏈链 應应 務务 計计 設设 備备 "
    "製制 藥药 醫医 學学 實实 驗验 環环 紀纪 創创 數数 統统 視视 頻频 監监 氣气 "
    "儀仪 運运 輸输 礦矿 銀银 興兴 華华 龍龙 進进 開开 關关 聯联 陽阳 島岛 連连 "
    "長长 鄭郑 濟济 寧宁 錫锡 貴贵 陝陕 雲云 遼辽 漢汉 慶庆 廠厂 車车 軟软 號号 "
    "產产 農农 匯汇 協协 會会 貨货 倉仓 儲储 遞递 腦脑 標标 準准 測测 檢检 質质 "
    "線线 纜缆 鋼钢 鐵铁 鋁铝 銅铜 偉伟 豐丰 億亿 萬万 寶宝 順顺 勝胜 輝辉 鴻鸿 "
    "維维 軍军 艦舰 聖圣 歐欧 場场 區区 縣县 鎮镇 問问 顧顾 諮咨 詢询 證证 險险 "
    "財财 經经 紅红 綠绿 藍蓝 黃黄 風风 飛飞 馬马 齊齐 劉刘 陳陈 張张 楊杨 趙赵 "
    "吳吴 鄧邓 錢钱 孫孙 許许 韓韩 葉叶 羅罗 謝谢 鍾钟 蘭兰 溫温 湯汤 賴赖 譚谭 "
    "顏颜 師师 傳传 專专 鑽钻 築筑 裝装 飾饰 紡纺 織织 綜综 臺台 軌轨 觀观 點点 "
    "據据 庫库 鏡镜 燈灯 熱热 煉炼 "
)
TRADITIONAL: dict[str, str] = {pair[0]: pair[1] for pair in _PAIRS.split()}
SIMPLIFIED: dict[str, str] = {pair[1]: pair[0] for pair in _PAIRS.split()}
"""The other way: a simplified character's traditional form (Cantonese tables list those)."""
_TABLE = str.maketrans(TRADITIONAL)


@lru_cache(maxsize=65536)
def simplified(text: str) -> str:
    """``text`` with the traditional characters this table knows in simplified form."""
    return text.translate(_TABLE)
