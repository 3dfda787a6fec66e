<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="233"/>
        <source>Only showing: the power cannot be switched from here right now.</source>
        <translation>目前仅供查询：暂时不能在这里开关电源。</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="267"/>
        <source>No meter on this account.</source>
        <translation>此账户下没有电表。</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="273"/>
        <source>This meter only measures: no balance.</source>
        <translation>此电表仅计量，没有余额。</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="280"/>
        <source>Not read yet</source>
        <translation>尚未读取</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="282"/>
        <source>As read at {0}</source>
        <translation>读取时间：{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="285"/>
        <source>Power is OFF</source>
        <translation>电源已关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="285"/>
        <source>Power is ON</source>
        <translation>正在供电</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="294"/>
        <source>You can switch your shop&apos;s power off, e.g. when closing for the night.</source>
        <translation>您可以关闭本店电源，例如晚上打烊时。</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="296"/>
        <source>You switched it off. Press the button to have power again.</source>
        <translation>电源是您关闭的。按下按钮即可恢复供电。</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="305"/>
        <source>Less than one day of credit left</source>
        <translation>余额可用不足一天</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="307"/>
        <source>About {0} days of credit left</source>
        <translation>余额约可用 {0} 天</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="314"/>
        <source>Hello, {0}</source>
        <translation>您好，{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="315"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="316"/>
        <source>Change PIN</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="317"/>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="318"/>
        <source>⟳ Read the balance from the meter now</source>
        <translation>⟳ 立即从电表读取余额</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="319"/>
        <source>Buy credit with WeChat Pay or Alipay</source>
        <translation>用微信或支付宝充值</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="320"/>
        <source>Switch my shop&apos;s power OFF</source>
        <translation>关闭本店电源</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="321"/>
        <source>Switch my shop&apos;s power back ON</source>
        <translation>恢复本店供电</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="323"/>
        <source>Switch the power off? Everything in your shop will stop.</source>
        <translation>确定关闭电源吗？店内所有用电都会停止。</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="325"/>
        <source>Yes, switch it off</source>
        <translation>确定关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="326"/>
        <source>No, keep the power on</source>
        <translation>不关闭，继续供电</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="328"/>
        <source>Daily use (30 days)</source>
        <translation>每日用电（30 天）</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="329"/>
        <source>Recharges</source>
        <translation>充值记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/account_page.py" line="330"/>
        <source>SMS to me</source>
        <translation>我的短信</translation>
    </message>
</context>
<context>
    <name>AddOperatorDialog</name>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="112"/>
        <source>Add operator</source>
        <translation>添加操作员</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="121"/>
        <source>Login name:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="122"/>
        <source>Display name:</source>
        <translation>显示名称：</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="123"/>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="124"/>
        <source>The operator must change this password at the first login.</source>
        <translation>该操作员首次登录时必须修改此密码。</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="187"/>
        <source>Creating the site…</source>
        <translation>正在创建站点…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="214"/>
        <source>Internal error.</source>
        <translation>内部错误。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="218"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="219"/>
        <source>The first operator: the administrator creates the others.</source>
        <translation>第一个操作员：由管理员创建其他操作员。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="223"/>
        <source>Login name:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="224"/>
        <source>Display name:</source>
        <translation>显示名称：</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="225"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="226"/>
        <source>Repeat password:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="231"/>
        <source>Next creates the site in this folder with this administrator.</source>
        <translation>点击“下一步”将在此文件夹中创建站点和该管理员。</translation>
    </message>
</context>
<context>
    <name>AlarmActions</name>
    <message>
        <location filename="../../app/ui/alarms/actions.py" line="19"/>
        <source>&amp;Alarms…</source>
        <translation>报警(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>AlarmCountButton</name>
    <message>
        <location filename="../../app/ui/alarms/alarm_count.py" line="66"/>
        <source>Open the alarm window</source>
        <translation>打开报警窗口</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_count.py" line="71"/>
        <source>Alarms: ?</source>
        <translation>报警：?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/alarms/alarm_count.py" line="77"/>
        <source>Alarms: %n</source>
        <translation>
            <numerusform>报警：%n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_count.py" line="80"/>
        <source>No alarms</source>
        <translation>无报警</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_count.py" line="80"/>
        <source>Alarms: …</source>
        <translation>报警：…</translation>
    </message>
</context>
<context>
    <name>AlarmReport</name>
    <message>
        <location filename="../../app/services/alarm_export.py" line="31"/>
        <source>Alarm report</source>
        <translation>报警报表</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="32"/>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="33"/>
        <source>Filters</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="34"/>
        <source>all alarms</source>
        <translation>全部报警</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="35"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="38"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="39"/>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="40"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="41"/>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="42"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="43"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="44"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="45"/>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="46"/>
        <source>Duration</source>
        <translation>持续时间</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="47"/>
        <source>Balance at start (yuan)</source>
        <translation>报警时余额（元）</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="48"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="49"/>
        <source>Acknowledged by</source>
        <translation>确认人</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="50"/>
        <source>Acknowledged at</source>
        <translation>确认时间</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="51"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="52"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="53"/>
        <source>SMS sent at</source>
        <translation>短信发送时间</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="56"/>
        <source>still open</source>
        <translation>未结束</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="57"/>
        <source>current only</source>
        <translation>仅当前</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="58"/>
        <source>ended only</source>
        <translation>仅已结束</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="59"/>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="60"/>
        <source>not acknowledged</source>
        <translation>未确认</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_export.py" line="61"/>
        <source>building {name}</source>
        <translation>楼栋 {name}</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="43"/>
        <source>Alarm 1</source>
        <translation>报警1</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="44"/>
        <source>Alarm 2</source>
        <translation>报警2</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="45"/>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="46"/>
        <source>Offline</source>
        <translation>失联</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="47"/>
        <source>Overload trip</source>
        <translation>过载跳闸</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="48"/>
        <source>Cover open</source>
        <translation>开盖</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="49"/>
        <source>Purchase count mismatch</source>
        <translation>购电次数不符</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="50"/>
        <source>Parameters not in sync</source>
        <translation>参数不一致</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="51"/>
        <source>GSM modem</source>
        <translation>短信猫</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="52"/>
        <source>Nightly backup or archive failed</source>
        <translation>夜间备份或归档失败</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="55"/>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="56"/>
        <source>Serious</source>
        <translation>较重</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="57"/>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="62"/>
        <source>to be sent</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="63"/>
        <source>not sent (no phone or SMS off)</source>
        <translation>未发送（无手机号或短信已关闭）</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="64"/>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="65"/>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="66"/>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="67"/>
        <source>failed</source>
        <translation>发送失败</translation>
    </message>
</context>
<context>
    <name>AlarmTableModel</name>
    <message>
        <location filename="../../app/ui/alarms/alarm_model.py" line="87"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_model.py" line="88"/>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_model.py" line="89"/>
        <source>Duration</source>
        <translation>持续时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_model.py" line="90"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_model.py" line="91"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_model.py" line="92"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_model.py" line="93"/>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_model.py" line="94"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_model.py" line="95"/>
        <source>Acknowledged</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_model.py" line="96"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_model.py" line="97"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_model.py" line="167"/>
        <source>still open</source>
        <translation>未结束</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_model.py" line="175"/>
        <source>(site)</source>
        <translation>（全站）</translation>
    </message>
</context>
<context>
    <name>AlarmWindow</name>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="60"/>
        <source>Alarms</source>
        <translation>报警</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="89"/>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="89"/>
        <source>Ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="90"/>
        <source>Current and ended</source>
        <translation>当前及已结束</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="93"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="97"/>
        <source>All levels</source>
        <translation>全部级别</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="101"/>
        <source>All buildings</source>
        <translation>全部楼栋</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="103"/>
        <source>Acknowledged or not</source>
        <translation>确认与否</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="104"/>
        <source>Not acknowledged</source>
        <translation>未确认</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="105"/>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="111"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="124"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="136"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="139"/>
        <source>what was done (optional)</source>
        <translation>处理情况（可选）</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="141"/>
        <source>Acknowledge selected</source>
        <translation>确认所选</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="145"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="148"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="178"/>
        <source>Reading…</source>
        <translation>读取中…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/alarms/alarm_window.py" line="182"/>
        <source>%n alarm(s)</source>
        <translation>
            <numerusform>%n 条报警</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/alarms/alarm_window.py" line="218"/>
        <source>%n alarm(s) acknowledged.</source>
        <translation>
            <numerusform>已确认 %n 条报警。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/alarms/alarm_window.py" line="230"/>
        <source>Export the alarm report</source>
        <translation>导出报警报表</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../app/ui/shell/application.py" line="156"/>
        <location filename="../../app/ui/shell/application.py" line="178"/>
        <source>Prepaid Energy Manager</source>
        <translation>预付费电能管理系统</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../app/ui/tariffs/assign_dialog.py" line="42"/>
        <source>Assign tariff to meters</source>
        <translation>为电表分配电价</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/assign_dialog.py" line="94"/>
        <source>Tariff %1, version %2</source>
        <translation>电价 %1，第 %2 版</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/assign_dialog.py" line="52"/>
        <source>The meters selected in the grid (%1)</source>
        <translation>表格中选中的电表（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/assign_dialog.py" line="54"/>
        <source>All meters of the building</source>
        <translation>该楼宇的全部电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/assign_dialog.py" line="55"/>
        <source>All meters of the bus</source>
        <translation>该总线的全部电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/assign_dialog.py" line="56"/>
        <source>All meters of the site</source>
        <translation>全站电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/assign_dialog.py" line="71"/>
        <source>blank: the tariff&apos;s prices</source>
        <translation>留空：使用电价方案的价格</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/assign_dialog.py" line="72"/>
        <source>Price override (yuan per kWh, every rate):</source>
        <translation>单表电价（元/kWh，所有费率）：</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/assign_dialog.py" line="83"/>
        <source>Assign and download</source>
        <translation>分配并下发</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/assign_dialog.py" line="131"/>
        <source>%1 meters carry this tariff from now.</source>
        <translation>从现在起 %1 块电表使用此电价</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/assign_dialog.py" line="135"/>
        <source>Price download queued for %1 meters (batch %2).</source>
        <translation>已为 %1 块电表排队电价下发（批次 %2）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/assign_dialog.py" line="140"/>
        <source>%1 meters keep their own prices: their family has no price download.</source>
        <translation>%1 块电表保留自身电价：该类型不支持电价下发</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <location filename="../../app/ui/backups/backup_window.py" line="126"/>
        <source>&amp;Backups and archive…</source>
        <translation>备份与归档(&amp;B)…</translation>
    </message>
</context>
<context>
    <name>BackupWindow</name>
    <message>
        <location filename="../../app/ui/backups/backup_window.py" line="50"/>
        <source>Backups and archive</source>
        <translation>备份与归档</translation>
    </message>
    <message>
        <location filename="../../app/ui/backups/backup_window.py" line="57"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../app/ui/backups/backup_window.py" line="65"/>
        <source>Backups kept:</source>
        <translation>保留的备份：</translation>
    </message>
    <message>
        <location filename="../../app/ui/backups/backup_window.py" line="75"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../app/ui/backups/backup_window.py" line="80"/>
        <source>Backup folder: %1</source>
        <translation>备份文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/backups/backup_window.py" line="94"/>
        <source>Last night&apos;s backup failed at %1: %2</source>
        <translation>昨晚的备份于 %1 失败：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/backups/backup_window.py" line="99"/>
        <source>Last backup: %1</source>
        <translation>最近一次备份：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/backups/backup_window.py" line="100"/>
        <source>Last backup: none yet</source>
        <translation>最近一次备份：尚无</translation>
    </message>
    <message>
        <location filename="../../app/ui/backups/backup_window.py" line="104"/>
        <source>Last archive run: none yet</source>
        <translation>最近一次归档：尚无</translation>
    </message>
    <message>
        <location filename="../../app/ui/backups/backup_window.py" line="105"/>
        <source>Last archive run: %1, %2 readings moved</source>
        <translation>最近一次归档：%1，移出 %2 条读数</translation>
    </message>
    <message>
        <location filename="../../app/ui/backups/backup_window.py" line="113"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../app/ui/backups/backup_window.py" line="118"/>
        <source>Backup made: %1</source>
        <translation>备份已完成：%1</translation>
    </message>
</context>
<context>
    <name>BalanceChart</name>
    <message>
        <location filename="../../app/ui/charts/balance_chart.py" line="23"/>
        <source>Balance (yuan)</source>
        <translation>余额（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/balance_chart.py" line="34"/>
        <location filename="../../app/ui/charts/balance_chart.py" line="83"/>
        <source>balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/balance_chart.py" line="35"/>
        <source>recharge</source>
        <translation>充值</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/balance_chart.py" line="51"/>
        <source>No balance read in this period.</source>
        <translation>此期间没有读到余额。</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/balance_chart.py" line="68"/>
        <source>{0}: no readings</source>
        <translation>{0}：无读数</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/balance_chart.py" line="70"/>
        <source>{0}: balance {1} yuan</source>
        <translation>{0}：余额 {1} 元</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/balance_chart.py" line="77"/>
        <source>; recharge {0} yuan at {1} (receipt {2})</source>
        <translation>；{1} 充值 {0} 元（票据 {2}）</translation>
    </message>
</context>
<context>
    <name>BatchActions</name>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="44"/>
        <source>All meters of a building</source>
        <translation>某楼宇的全部电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="45"/>
        <source>All meters of a bus</source>
        <translation>某总线的全部电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="46"/>
        <source>All meters in a state</source>
        <translation>某状态的全部电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="47"/>
        <source>All meters on a tariff</source>
        <translation>某电价方案的全部电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="63"/>
        <source>{0} on {1} meters ({2} tenants)?</source>
        <translation>对 {1} 块电表（{2} 位租户）执行“{0}”？</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="69"/>
        <source> and {0} more</source>
        <translation> 等另外 {0} 块</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="88"/>
        <source>Remote control for a group of meters…</source>
        <translation>按组远程控制电表…</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="95"/>
        <source>Export meter readings…</source>
        <translation>导出抄表数据…</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="107"/>
        <source>Remote control ({0} meters)</source>
        <translation>远程控制（{0} 块电表）</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="117"/>
        <source>{0} ({1} of {2} can)</source>
        <translation>{0}（{2} 块中 {1} 块支持）</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="138"/>
        <source>None of these meters can do this.</source>
        <translation>这些电表都不支持此操作。</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="144"/>
        <location filename="../../app/ui/control/batch_actions.py" line="169"/>
        <source>Remote control</source>
        <translation>远程控制</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="186"/>
        <source>No meters.</source>
        <translation>没有电表。</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="201"/>
        <source>Export meter readings</source>
        <translation>导出抄表数据</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="217"/>
        <source>Remote control for a group of meters</source>
        <translation>按组远程控制电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="227"/>
        <source>Meters</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="228"/>
        <source>Which</source>
        <translation>选择</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_actions.py" line="229"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="60"/>
        <location filename="../../app/ui/control/batch_dialog.py" line="75"/>
        <source>Bus</source>
        <translation>总线</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="61"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="62"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="63"/>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="73"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="74"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="76"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="77"/>
        <source>Verified state or reason</source>
        <translation>确认状态或原因</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="87"/>
        <source>Cancel the rest</source>
        <translation>取消其余</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="90"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="93"/>
        <source>Retry the failed ones</source>
        <translation>重试失败的电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="96"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="119"/>
        <source>Remote control batch {0}</source>
        <translation>远程控制批次 {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="147"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="149"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="152"/>
        <source>running</source>
        <translation>执行中</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="153"/>
        <source>{0} on {1} meters: {2}. Done {3}, failed {4}, cancelled {5}, remaining {6}.</source>
        <translation>{1} 块电表执行“{0}”：{2}。完成 {3}，失败 {4}，取消 {5}，剩余 {6}。</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="204"/>
        <source>Export the results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/batch_dialog.py" line="213"/>
        <source>Results written to {0}</source>
        <translation>结果已写入 {0}</translation>
    </message>
</context>
<context>
    <name>Batches</name>
    <message>
        <location filename="../../app/services/batches.py" line="100"/>
        <source>Trip</source>
        <translation>拉闸</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="101"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="103"/>
        <source>Keep power on</source>
        <translation>保电</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="105"/>
        <source>Restore prepaid</source>
        <translation>恢复预付费</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="107"/>
        <source>Prepaid on</source>
        <translation>开启预付费</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="109"/>
        <source>Prepaid off</source>
        <translation>关闭预付费</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="115"/>
        <source>Download price</source>
        <translation>下发电价</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="121"/>
        <source>Download settings</source>
        <translation>下发参数</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="623"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="624"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="625"/>
        <source>Batch results</source>
        <translation>批量操作结果</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="638"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="639"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="640"/>
        <source>Bus</source>
        <translation>总线</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="641"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="642"/>
        <source>Verified state or reason</source>
        <translation>确认状态或原因</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="645"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="646"/>
        <source>running</source>
        <translation>执行中</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="647"/>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="648"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="649"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>BuildingPage</name>
    <message>
        <location filename="../../app/ui/settings/building_page.py" line="17"/>
        <location filename="../../app/ui/settings/building_page.py" line="30"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/building_page.py" line="18"/>
        <location filename="../../app/ui/settings/building_page.py" line="31"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/building_page.py" line="19"/>
        <source>Meters</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/building_page.py" line="26"/>
        <source>New building</source>
        <translation>新建楼宇</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/building_page.py" line="26"/>
        <source>Building %1</source>
        <translation>楼宇 %1</translation>
    </message>
</context>
<context>
    <name>BusPage</name>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="51"/>
        <location filename="../../app/ui/settings/bus_page.py" line="70"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="52"/>
        <source>Port</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="53"/>
        <source>Line</source>
        <translation>通讯参数</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="54"/>
        <location filename="../../app/ui/settings/bus_page.py" line="111"/>
        <source>Meter family</source>
        <translation>电表类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="55"/>
        <location filename="../../app/ui/settings/bus_page.py" line="73"/>
        <source>Gateway</source>
        <translation>通讯管理机</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="56"/>
        <location filename="../../app/ui/settings/bus_page.py" line="115"/>
        <source>Building</source>
        <translation>楼宇</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="57"/>
        <source>Meters</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="58"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="58"/>
        <location filename="../../app/ui/settings/bus_page.py" line="119"/>
        <source>enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="58"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="65"/>
        <source>New bus</source>
        <translation>新建总线</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="65"/>
        <source>Bus %1</source>
        <translation>总线 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="74"/>
        <source>(direct serial port)</source>
        <translation>（本机串口）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="79"/>
        <source>Gateway port</source>
        <translation>管理机端口</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="82"/>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="83"/>
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="88"/>
        <source>Parity</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="90"/>
        <source>none (N)</source>
        <translation>无 (N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="91"/>
        <source>even (E)</source>
        <translation>偶 (E)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="92"/>
        <source>odd (O)</source>
        <translation>奇 (O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="96"/>
        <source>Stop bits</source>
        <translation>停止位</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="102"/>
        <source>Timeout (ms)</source>
        <translation>超时（毫秒）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="105"/>
        <source>from the line speed</source>
        <translation>按波特率计算</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="108"/>
        <source>Turnaround (ms)</source>
        <translation>转换间隔（毫秒）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="116"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="119"/>
        <source>Polled</source>
        <translation>采集</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="134"/>
        <source>Test the line</source>
        <translation>测试线路</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="181"/>
        <source>Testing %1…</source>
        <translation>正在测试 %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="201"/>
        <source>Port opened; no meter answered at addresses %1.</source>
        <translation>端口已打开；地址 %1 均无电表应答。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="206"/>
        <source>%1 answered, but no known family</source>
        <translation>%1 有应答，但类型无法识别</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="208"/>
        <source>%1 sent damaged answers</source>
        <translation>%1 应答报文损坏</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="211"/>
        <source>%1 answered (%2)</source>
        <translation>%1 有应答（%2）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/bus_page.py" line="215"/>
        <source>Port opened; meters %1.</source>
        <translation>端口已打开；电表 %1。</translation>
    </message>
</context>
<context>
    <name>BusState</name>
    <message>
        <location filename="../../app/ui/grid/bus_status.py" line="19"/>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/bus_status.py" line="20"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/bus_status.py" line="21"/>
        <source>port error</source>
        <translation>端口错误</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/bus_status.py" line="22"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>BusStatusWidget</name>
    <message>
        <location filename="../../app/ui/grid/bus_status.py" line="62"/>
        <source>{0}: waiting</source>
        <translation>{0}：等待中</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/bus_status.py" line="69"/>
        <source>demo time runs {0}× faster</source>
        <translation>演示时间快 {0} 倍</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/bus_status.py" line="77"/>
        <source>cycle {0:.1f} s</source>
        <translation>周期 {0:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/bus_status.py" line="80"/>
        <source>{0}/{1} online</source>
        <translation>在线 {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/bus_status.py" line="83"/>
        <source>served by the {0} on {1}</source>
        <translation>由 {1} 上的{0}服务</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/bus_status.py" line="90"/>
        <source>collection service</source>
        <translation>集抄服务</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/bus_status.py" line="91"/>
        <source>window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/bus_status.py" line="92"/>
        <source>command</source>
        <translation>命令行</translation>
    </message>
</context>
<context>
    <name>BuyPage</name>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="141"/>
        <source>Buying online is not offered here.</source>
        <translation>此处未开通在线充值。</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="156"/>
        <source>Buy credit for meter {0}</source>
        <translation>为电表 {0} 充值</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="158"/>
        <source>Buy credit</source>
        <translation>充值</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="178"/>
        <source>Asking {0} for a QR code…</source>
        <translation>正在向{0}获取二维码…</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="229"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="229"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="233"/>
        <source>Placing the order…</source>
        <translation>正在下单…</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="234"/>
        <source>Scan the code with {0} to pay</source>
        <translation>请用{0}扫码付款</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="237"/>
        <location filename="../../app/ui/kiosk/buy_page.py" line="238"/>
        <source>Paid. Crediting your meter…</source>
        <translation>已付款，正在充值到电表…</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="239"/>
        <source>Credited. Receipt {0}</source>
        <translation>已充值。收据 {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="241"/>
        <source>Could not be credited: the money is being refunded</source>
        <translation>无法充值：款项正在退回</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="243"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="244"/>
        <source>Closed: not paid</source>
        <translation>已关闭：未付款</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="249"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="250"/>
        <source>Pay with</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="251"/>
        <source>Show the QR code</source>
        <translation>显示二维码</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="252"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/buy_page.py" line="254"/>
        <source>The credit goes onto your meter by itself once you have paid.</source>
        <translation>付款后电费会自动充入您的电表。</translation>
    </message>
</context>
<context>
    <name>Capability</name>
    <message>
        <location filename="../../app/serial_io/profiles/base.py" line="66"/>
        <source>prepaid sales</source>
        <translation>预付费售电</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/base.py" line="67"/>
        <source>refunds</source>
        <translation>退费</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/base.py" line="68"/>
        <source>remote trip and close</source>
        <translation>远程拉闸/合闸</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/base.py" line="69"/>
        <source>keep power on</source>
        <translation>保电</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/base.py" line="70"/>
        <source>prepaid mode on/off</source>
        <translation>预付费模式开/关</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/base.py" line="71"/>
        <source>alarm threshold download</source>
        <translation>报警值下发</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/base.py" line="72"/>
        <source>price download</source>
        <translation>电价下发</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/base.py" line="73"/>
        <source>overload setting</source>
        <translation>过载设置</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/base.py" line="74"/>
        <source>clock setting</source>
        <translation>校时</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/base.py" line="75"/>
        <source>account opening</source>
        <translation>开户</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/base.py" line="76"/>
        <source>several circuits</source>
        <translation>多回路</translation>
    </message>
</context>
<context>
    <name>Cashier</name>
    <message>
        <location filename="../../app/ui/cashier/actions.py" line="116"/>
        <source>Sell electricity…</source>
        <translation>售电…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/actions.py" line="117"/>
        <source>Refund…</source>
        <translation>退电…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/actions.py" line="118"/>
        <source>Correct a sale…</source>
        <translation>冲正…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/actions.py" line="119"/>
        <source>Close account…</source>
        <translation>销户…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/actions.py" line="120"/>
        <source>Replace meter…</source>
        <translation>换表…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/actions.py" line="126"/>
        <source>Open account…</source>
        <translation>开户…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="30"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="31"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="32"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="33"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="34"/>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="37"/>
        <source>Open account</source>
        <translation>开户</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="38"/>
        <source>Sale</source>
        <translation>售电</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/refund_dialog.py" line="43"/>
        <location filename="../../app/ui/cashier/texts.py" line="39"/>
        <source>Refund</source>
        <translation>退电</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="40"/>
        <source>Correction</source>
        <translation>冲正</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="41"/>
        <source>Transfer out</source>
        <translation>余额转出</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="42"/>
        <source>Transfer in</source>
        <translation>余额转入</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="43"/>
        <source>Close account</source>
        <translation>销户</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="46"/>
        <source>Pending</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="47"/>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="48"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="49"/>
        <source>Uncertain</source>
        <translation>待核实</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="97"/>
        <source>The meter refused the command. No money was taken.</source>
        <translation>电表拒绝了该命令，未收取任何费用。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="101"/>
        <source>The meter does not answer. Nothing was sent and no money moved.</source>
        <translation>电表无应答：命令未发送，资金未变动。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="105"/>
        <source>Refused: the meter&apos;s balance does not cover this. No money moved.</source>
        <translation>已拒绝：电表剩余金额不足。资金未变动。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="109"/>
        <source>An earlier operation on this meter is still undecided. Nothing was sent.</source>
        <translation>该电表上一笔操作仍待核实，本次命令未发送。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="113"/>
        <source>You are not allowed to do this. Nothing was sent.</source>
        <translation>您无权执行此操作，命令未发送。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="117"/>
        <source>The database server does not answer. Nothing was sent and no money moved.</source>
        <translation>数据库服务器无应答。未发送任何指令，未发生资金变动。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="121"/>
        <source>The meter&apos;s bus is not running. Nothing was sent.</source>
        <translation>该电表所在总线未运行，命令未发送。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="125"/>
        <source>Not accepted. Nothing was sent.</source>
        <translation>输入未通过检查，命令未发送。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="127"/>
        <source>Refused. Nothing was sent.</source>
        <translation>已拒绝，命令未发送。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/receipts.py" line="48"/>
        <source>Receipt</source>
        <translation>收据</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/receipts.py" line="49"/>
        <source>No printer is installed; saved as {path}</source>
        <translation>未安装打印机，收据已保存为 {path}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/flow.py" line="75"/>
        <source>Working on the meter…</source>
        <translation>正在操作电表…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/flow.py" line="76"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/flow.py" line="77"/>
        <location filename="../../app/ui/cashier/texts.py" line="207"/>
        <source>Failed: no money moved.</source>
        <translation>失败：资金未变动。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="180"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="181"/>
        <source>Receipt no.</source>
        <translation>收据编号</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="185"/>
        <source>Balance after</source>
        <translation>剩余金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="187"/>
        <source>Purchase count</source>
        <translation>购电次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="193"/>
        <source>Done: the meter confirmed it.</source>
        <translation>完成：电表已确认。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="197"/>
        <source>The meter did not confirm.</source>
        <translation>电表未确认。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="198"/>
        <source>The operation will be settled automatically when the meter answers. Do not sell again, and do not take or pay out the money until it is settled.</source>
        <translation>电表应答后系统将自动核实此操作。核实之前请勿重复售电，也不要收款或付款。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="204"/>
        <source>the meter did not apply the command</source>
        <translation>电表未执行该命令</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="40"/>
        <source>Closing the account on the meter…</source>
        <translation>正在电表上办理销户…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="41"/>
        <source>Close the account</source>
        <translation>确认销户</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="42"/>
        <source>Closing failed: no money moved.</source>
        <translation>销户失败：资金未变动。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/correction_dialog.py" line="54"/>
        <source>Reversing the sale on the meter…</source>
        <translation>正在电表上冲正…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/correction_dialog.py" line="55"/>
        <source>Reverse the sale</source>
        <translation>确认冲正</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/correction_dialog.py" line="56"/>
        <source>The correction failed: no money moved.</source>
        <translation>冲正失败：资金未变动。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="79"/>
        <source>Opening the account on the meters…</source>
        <translation>正在电表上开户…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="80"/>
        <source>Open the account</source>
        <translation>确认开户</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/refund_dialog.py" line="42"/>
        <source>Taking the refund back from the meter…</source>
        <translation>正在从电表退电…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/refund_dialog.py" line="44"/>
        <source>The refund failed: no money moved.</source>
        <translation>退电失败：资金未变动。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="41"/>
        <source>Moving the credit to the new meter…</source>
        <translation>正在将余额转入新表…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="42"/>
        <source>Replace the meter</source>
        <translation>确认换表</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="66"/>
        <source>Crediting the meter…</source>
        <translation>正在向电表充值…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="67"/>
        <source>Sell</source>
        <translation>确认售电</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="68"/>
        <source>The sale failed: no money was taken.</source>
        <translation>售电失败：未收取费用。</translation>
    </message>
</context>
<context>
    <name>CashierActions</name>
    <message>
        <location filename="../../app/ui/cashier/actions.py" line="206"/>
        <source>Select one meter with an open account in the grid first.</source>
        <translation>请先在电表视图中选择一块已开户的电表。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/actions.py" line="269"/>
        <source>&amp;Sell electricity…</source>
        <translation>售电(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/actions.py" line="271"/>
        <source>&amp;Refund…</source>
        <translation>退电(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/actions.py" line="273"/>
        <source>&amp;Correct a sale…</source>
        <translation>冲正(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/actions.py" line="275"/>
        <source>Sales r&amp;ecords…</source>
        <translation>售电记录(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/actions.py" line="277"/>
        <source>O&amp;nline orders…</source>
        <translation>在线订单(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/actions.py" line="279"/>
        <source>&amp;Tenants…</source>
        <translation>租户列表(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/actions.py" line="281"/>
        <source>&amp;Open account…</source>
        <translation>开户(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/actions.py" line="283"/>
        <source>&amp;Close account…</source>
        <translation>销户(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/actions.py" line="285"/>
        <source>&amp;Replace meter…</source>
        <translation>换表(&amp;R)…</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="207"/>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="212"/>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="213"/>
        <source>Choose a new password for %1.</source>
        <translation>请为 %1 设置新密码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="216"/>
        <source>Your password was set by an administrator. Choose your own password now.</source>
        <translation>您的密码由管理员设置，请现在设置您自己的密码。</translation>
    </message>
</context>
<context>
    <name>ChangePinPage</name>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="192"/>
        <source>The new PIN must be 4 to 8 digits.</source>
        <translation>新密码须为 4 至 8 位数字。</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="194"/>
        <source>The two new PINs are not the same. Please type them again.</source>
        <translation>两次输入的新密码不一致，请重新输入。</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="203"/>
        <source>Change my PIN</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="204"/>
        <source>Your PIN now</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="205"/>
        <source>New PIN (4 to 8 digits)</source>
        <translation>新密码（4 至 8 位数字）</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="206"/>
        <source>New PIN again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="207"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="208"/>
        <source>Save the new PIN</source>
        <translation>保存新密码</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <location filename="../../app/ui/charts/plot.py" line="102"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/plot.py" line="175"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/plot.py" line="186"/>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/plot.py" line="188"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
</context>
<context>
    <name>CloseAccountDialog</name>
    <message>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="49"/>
        <source>Close account</source>
        <translation>销户</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="55"/>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="113"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="56"/>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="114"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="59"/>
        <source>Read again</source>
        <translation>重新抄读</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="61"/>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="115"/>
        <source>Final balance (live)</source>
        <translation>最终剩余金额（实时）</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="65"/>
        <source>Refund to the tenant</source>
        <translation>退还租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="67"/>
        <source>The meter&apos;s relay is tripped, the balance refunded and the tenant unlinked.</source>
        <translation>销户将拉闸、退还剩余金额，并解除租户与电表的关联。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="77"/>
        <source>Reading the meter…</source>
        <translation>正在抄读电表…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="102"/>
        <source>not read</source>
        <translation>未抄读</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="116"/>
        <source>Refund</source>
        <translation>退还金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="117"/>
        <source>In words</source>
        <translation>大写金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/close_account_dialog.py" line="129"/>
        <source>The account is closed. Refund {amount} to the tenant.</source>
        <translation>已销户。请退还租户 {amount}。</translation>
    </message>
</context>
<context>
    <name>ClosingWindow</name>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="50"/>
        <source>Shift closing</source>
        <translation>交班结账</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="61"/>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="68"/>
        <source>&amp;Record the count</source>
        <translation>记录清点结果(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="73"/>
        <location filename="../../app/ui/reports/closing_window.py" line="157"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="75"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="77"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="83"/>
        <location filename="../../app/ui/reports/closing_window.py" line="158"/>
        <source>Cash expected in the drawer</source>
        <translation>钱箱应有现金</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="84"/>
        <source>Cash counted (yuan)</source>
        <translation>实点现金（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="85"/>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="86"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="88"/>
        <location filename="../../app/ui/reports/closing_window.py" line="159"/>
        <source>Counts recorded</source>
        <translation>已记录的清点</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="89"/>
        <source>Ledger head</source>
        <translation>账本链头</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="104"/>
        <source>All operators (daily closing)</source>
        <translation>全部操作员（日结）</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="114"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/reports/closing_window.py" line="126"/>
        <source>Confirmed entries only: %n entries not yet settled are not counted (a cash sale among them may already be in the drawer).</source>
        <translation>
            <numerusform>仅统计已确认的记录：%n 笔尚未确认的记录未计入（其中的现金售电可能已在钱箱中）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="132"/>
        <source>Confirmed entries only.</source>
        <translation>仅统计已确认的记录。</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="142"/>
        <source>%1 by %2: counted %3, expected %4, difference %5</source>
        <translation>%1 由 %2 清点：实点 %3，应有 %4，差额 %5</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/closing_window.py" line="136"/>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
</context>
<context>
    <name>Commission</name>
    <message>
        <location filename="../../app/services/commission.py" line="38"/>
        <source>identity</source>
        <translation>身份信息</translation>
    </message>
    <message>
        <location filename="../../app/services/commission.py" line="39"/>
        <source>clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <location filename="../../app/services/commission.py" line="40"/>
        <source>parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../app/services/commission.py" line="41"/>
        <source>read back</source>
        <translation>回读</translation>
    </message>
    <message>
        <location filename="../../app/services/commission.py" line="42"/>
        <source>recorded</source>
        <translation>已记录</translation>
    </message>
</context>
<context>
    <name>ConfigPage</name>
    <message>
        <location filename="../../app/ui/settings/config_page.py" line="129"/>
        <location filename="../../app/ui/settings/config_page.py" line="138"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/config_page.py" line="131"/>
        <location filename="../../app/ui/settings/config_page.py" line="140"/>
        <source>View…</source>
        <translation>查看…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/config_page.py" line="135"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/config_page.py" line="136"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/config_page.py" line="208"/>
        <source>Remove %1?</source>
        <translation>删除 %1？</translation>
    </message>
</context>
<context>
    <name>ControlActions</name>
    <message>
        <location filename="../../app/ui/control/control_actions.py" line="18"/>
        <source>&amp;Scan a bus…</source>
        <translation>扫描总线(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/control_actions.py" line="19"/>
        <source>Bus &amp;diagnostics…</source>
        <translation>总线诊断(&amp;D)…</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../app/ui/cashier/correction_dialog.py" line="67"/>
        <source>Correct (reverse) a sale</source>
        <translation>售电冲正</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/correction_dialog.py" line="128"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/correction_dialog.py" line="129"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/correction_dialog.py" line="86"/>
        <source>Sale to reverse</source>
        <translation>冲正的售电</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/correction_dialog.py" line="88"/>
        <source>This meter has no sale that can be reversed.</source>
        <translation>该电表没有可冲正的售电记录。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/correction_dialog.py" line="92"/>
        <source>Required, for example: wrong amount typed</source>
        <translation>必填，例如：金额输错</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/correction_dialog.py" line="94"/>
        <location filename="../../app/ui/cashier/correction_dialog.py" line="132"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/correction_dialog.py" line="125"/>
        <source>Choose the sale to reverse.</source>
        <translation>请选择要冲正的售电记录。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/correction_dialog.py" line="130"/>
        <source>Sale</source>
        <translation>原售电</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/correction_dialog.py" line="131"/>
        <location filename="../../app/ui/cashier/correction_dialog.py" line="134"/>
        <source>Amount taken back</source>
        <translation>冲正金额</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../app/ui/shell/crash_dialog.py" line="32"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/crash_dialog.py" line="38"/>
        <source>Something went wrong inside the program. It was written to the log file. Please copy the details below for the maintainer. Meters keep being polled; check the last operation&apos;s result before repeating it.</source>
        <translation>程序内部出错，错误已写入日志文件。请复制下面的详细信息提供给维护人员。电表仍在持续抄读；重复上一个操作之前，请先核对它的结果。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/crash_dialog.py" line="49"/>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
</context>
<context>
    <name>DailyEnergyChart</name>
    <message>
        <location filename="../../app/ui/charts/daily_chart.py" line="45"/>
        <source>Energy (kWh)</source>
        <translation>电量 (kWh)</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/daily_chart.py" line="52"/>
        <source>whole day</source>
        <translation>全天</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/daily_chart.py" line="55"/>
        <source>part of the day missing</source>
        <translation>部分缺数</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/daily_chart.py" line="57"/>
        <source>no readings</source>
        <translation>无读数</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/daily_chart.py" line="85"/>
        <source>No readings in this period.</source>
        <translation>此期间没有读数。</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/daily_chart.py" line="110"/>
        <source>{0}: no readings</source>
        <translation>{0}：无读数</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/daily_chart.py" line="111"/>
        <source>{0}: {1} kWh</source>
        <translation>{0}：{1} kWh</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/daily_chart.py" line="115"/>
        <source> (the meter&apos;s counter went back; part not counted)</source>
        <translation>（电表计数回退，部分未计入）</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/daily_chart.py" line="119"/>
        <source> (part of the day missing or not over)</source>
        <translation>（当天部分缺数或尚未结束）</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/daily_chart.py" line="132"/>
        <source>daily-energy</source>
        <translation>每日电量</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/daily_chart.py" line="147"/>
        <source>{0}: energy per day</source>
        <translation>{0}：每日电量</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/daily_chart.py" line="149"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/daily_chart.py" line="160"/>
        <source>Could not read the daily totals: {0}</source>
        <translation>无法读取每日汇总：{0}</translation>
    </message>
</context>
<context>
    <name>DbRefusal</name>
    <message>
        <location filename="../../app/ui/cashier/db_refusal.py" line="38"/>
        <source>Database server unreachable</source>
        <translation>无法连接数据库服务器</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/db_refusal.py" line="40"/>
        <source>Sales, refunds and corrections are refused until the server answers.</source>
        <translation>在服务器恢复应答之前，售电、退款和冲正均被拒绝。</translation>
    </message>
</context>
<context>
    <name>DbStatusLabel</name>
    <message>
        <location filename="../../app/ui/shell/db_status.py" line="38"/>
        <source>Database: {where}</source>
        <translation>数据库：{where}</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/db_status.py" line="40"/>
        <source>The database server answers.</source>
        <translation>数据库服务器应答正常。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/db_status.py" line="45"/>
        <source>Database server unreachable since {since} — sales, refunds and corrections are refused</source>
        <translation>数据库服务器自 {since} 起无法连接 — 售电、退款和冲正均被拒绝</translation>
    </message>
</context>
<context>
    <name>DefaultsPage</name>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="151"/>
        <source>Defaults for new meters</source>
        <translation>新电表默认值</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="152"/>
        <source>Collection</source>
        <translation>采集</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="153"/>
        <source>Site and receipts</source>
        <translation>站点与收据</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="159"/>
        <source>Take readings on the clock (:00 and :30)</source>
        <translation>按整点抄表（:00 和 :30）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="161"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="162"/>
        <source>min</source>
        <translation>分钟</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="163"/>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="164"/>
        <source>missed polls</source>
        <translation>次未应答</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="165"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="166"/>
        <source>Undo changes</source>
        <translation>撤销更改</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="169"/>
        <source>Defaults apply to meters added from now on. Collection settings apply to every bus at once, without a restart.</source>
        <translation>默认值适用于今后添加的电表。采集设置立即应用于所有总线，无需重启。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="173"/>
        <source>Only an administrator may change these settings.</source>
        <translation>只有管理员可以修改这些设置。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="178"/>
        <source>Alarm 1</source>
        <translation>报警1</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="179"/>
        <source>Alarm 2</source>
        <translation>报警2</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="180"/>
        <source>Overload threshold</source>
        <translation>过载阈值</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="181"/>
        <source>Tariff</source>
        <translation>费率</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="182"/>
        <source>Reading interval</source>
        <translation>抄表间隔</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="183"/>
        <source>Aligned readings</source>
        <translation>整点抄表</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="184"/>
        <source>Offline after</source>
        <translation>判定失联</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="185"/>
        <source>Status freshness target</source>
        <translation>状态刷新目标</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="186"/>
        <source>Site name</source>
        <translation>站点名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="187"/>
        <source>Receipt header</source>
        <translation>收据抬头</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="188"/>
        <source>Phone on receipts</source>
        <translation>收据上的电话</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="221"/>
        <source>Enter an amount.</source>
        <translation>请输入金额。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="287"/>
        <source>Nothing changed.</source>
        <translation>没有更改。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="290"/>
        <source>Saved: %1.</source>
        <translation>已保存：%1。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/defaults_page.py" line="307"/>
        <source>Internal error.</source>
        <translation>内部错误。</translation>
    </message>
</context>
<context>
    <name>DemoSplash</name>
    <message>
        <location filename="../../app/ui/shell/demo_splash.py" line="42"/>
        <source>Prepaid Energy Manager</source>
        <translation>预付费电能管理系统</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/demo_splash.py" line="50"/>
        <source>Creating a demo site in {0}</source>
        <translation>正在 {0} 中建立演示站点</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/demo_splash.py" line="60"/>
        <source>Building, bus and 90 meters…</source>
        <translation>楼宇、总线和 90 块电表…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/demo_splash.py" line="61"/>
        <source>Two days of readings…</source>
        <translation>两天的抄表记录…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/demo_splash.py" line="62"/>
        <source>Operators…</source>
        <translation>操作员…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/demo_splash.py" line="63"/>
        <source>Opening accounts on the meters…</source>
        <translation>正在为电表开户…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/demo_splash.py" line="64"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/demo_splash.py" line="71"/>
        <source>{0} ({1} of {2})</source>
        <translation>{0}（{1}/{2}）</translation>
    </message>
</context>
<context>
    <name>DiagnosticsWindow</name>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="58"/>
        <source>Bus diagnostics</source>
        <translation>总线诊断</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="64"/>
        <location filename="../../app/ui/control/diagnostics_window.py" line="74"/>
        <source>Bus</source>
        <translation>总线</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="64"/>
        <source>Port</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="64"/>
        <location filename="../../app/ui/control/diagnostics_window.py" line="74"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="64"/>
        <source>Cycle</source>
        <translation>周期</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="65"/>
        <source>Line use</source>
        <translation>线路占用</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="65"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="74"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="74"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="75"/>
        <source>Answer time</source>
        <translation>应答时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="75"/>
        <source>Answers</source>
        <translation>应答次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="75"/>
        <source>Timeouts</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="76"/>
        <source>CRC errors</source>
        <translation>CRC 错误</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="76"/>
        <source>Last valid answer</source>
        <translation>最后有效应答</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="76"/>
        <source>Last error</source>
        <translation>最后错误</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="95"/>
        <source>Poll now</source>
        <translation>立即抄读</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="99"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="142"/>
        <source>{0:.1f} s</source>
        <translation>{0:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="154"/>
        <source>served by another program</source>
        <translation>由其他程序服务</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="156"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="167"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="167"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="195"/>
        <source>{0} meters, {1} online</source>
        <translation>{0} 块电表，{1} 块在线</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="220"/>
        <source>Polling meter {0}…</source>
        <translation>正在抄读电表 {0}…</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="231"/>
        <source>Meter {0} answered.</source>
        <translation>电表 {0} 已应答。</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="235"/>
        <source>Meter {0} did not answer: {1}</source>
        <translation>电表 {0} 无应答：{1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="243"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="246"/>
        <source>{0} s ago</source>
        <translation>{0} 秒前</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/diagnostics_window.py" line="248"/>
        <source>{0} min ago</source>
        <translation>{0} 分钟前</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <location filename="../../app/ui/reports/common.py" line="193"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/reports/common.py" line="204"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EmptyGridHint</name>
    <message>
        <location filename="../../app/ui/grid/empty_hint.py" line="63"/>
        <source>No meters yet: import an Excel file, scan a port, or add meters by hand.</source>
        <translation>还没有电表：请导入Excel文件、扫描端口或手动添加电表。</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/empty_hint.py" line="65"/>
        <source>An administrator or the maintenance staff adds the meters.</source>
        <translation>电表由管理员或维护人员添加。</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/empty_hint.py" line="66"/>
        <source>Import an Excel file…</source>
        <translation>导入Excel文件…</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/empty_hint.py" line="67"/>
        <source>Scan a port…</source>
        <translation>扫描端口…</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/empty_hint.py" line="68"/>
        <source>Add by hand…</source>
        <translation>手动添加…</translation>
    </message>
</context>
<context>
    <name>EnergyReportWindow</name>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="76"/>
        <source>Daily total of building</source>
        <translation>楼栋每日合计</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="87"/>
        <source>Days missing: no readings that day; days with gaps: part of the day not covered. Nothing is estimated for either. Double-click a row to see its days.</source>
        <translation>缺失天数：当天没有读数；有缺口天数：当天部分时段没有读数。两者均不做估算。双击一行查看每日明细。</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="135"/>
        <source>Total %1 kWh, %2 yuan; %3 meter-days missing, %4 with gaps.</source>
        <translation>合计 %1 kWh，%2 元；缺失 %3 表·天，%4 表·天有缺口。</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="150"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="150"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="150"/>
        <source>Energy (kWh)</source>
        <translation>电量 (kWh)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="150"/>
        <source>Sharp</source>
        <translation>尖</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="151"/>
        <source>Peak</source>
        <translation>峰</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="151"/>
        <source>Flat</source>
        <translation>平</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="151"/>
        <source>Valley</source>
        <translation>谷</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="151"/>
        <source>Cost</source>
        <translation>电费</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="152"/>
        <source>Readings</source>
        <translation>读数条数</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="152"/>
        <source>Complete</source>
        <translation>完整</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="152"/>
        <source>Counter reset</source>
        <translation>计数器回零</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="166"/>
        <source>Daily totals: %1</source>
        <translation>每日汇总：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="155"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/energy_window.py" line="155"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../app/errors.py" line="29"/>
        <source>meter {address} did not answer</source>
        <translation>地址 {address} 的电表无应答</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="30"/>
        <source>answer from address {others} instead of meter {address}</source>
        <translation>应答来自地址 {others}，而非电表 {address}</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="33"/>
        <source>damaged answer from meter {address}</source>
        <translation>电表 {address} 的应答已损坏</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="34"/>
        <source>damaged answer from meter {address}: {detail}</source>
        <translation>电表 {address} 的应答已损坏：{detail}</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="36"/>
        <source>damaged answer from meter {address} (checksum wrong)</source>
        <translation>电表 {address} 的应答已损坏（校验和错误）</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="39"/>
        <source>damaged answer from meter {address} (answer cut short)</source>
        <translation>电表 {address} 的应答已损坏（应答不完整）</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="42"/>
        <source>damaged answer from meter {address} (the answer does not fit the request)</source>
        <translation>电表 {address} 的应答已损坏（应答与请求不符）</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="45"/>
        <source>meter {address} answered with Modbus exception {code}</source>
        <translation>电表 {address} 返回 Modbus 异常码 {code}</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="48"/>
        <source>meter {address} answered with Modbus exception {code}: {detail}</source>
        <translation>电表 {address} 返回 Modbus 异常码 {code}：{detail}</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="51"/>
        <source>meter {address} sent {got} registers, not {count}</source>
        <translation>电表 {address} 返回了 {got} 个寄存器，应为 {count} 个</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="52"/>
        <source>meter {address} did not echo the write</source>
        <translation>电表 {address} 未回应写入命令</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="53"/>
        <source>lost {port}: {reason}</source>
        <translation>与 {port} 的连接中断：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="54"/>
        <source>cannot open {port}: {reason}</source>
        <translation>无法打开 {port}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="55"/>
        <source>{port} refuses the settings {settings} ({reason})</source>
        <translation>{port} 不接受通讯参数 {settings}（{reason}）</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="56"/>
        <source>{port} refuses the settings {settings} ({reason}); a pseudo-terminal does not carry parity, use parity N on it</source>
        <translation>{port} 不接受通讯参数 {settings}（{reason}）；伪终端不支持校验位，请改用无校验（N）</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="61"/>
        <source>timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="121"/>
        <source>this process no longer serves the bus; nothing was sent, try again</source>
        <translation>本进程已不再服务该总线；未发送任何命令，请重试</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/commands.py" line="45"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/commands.py" line="46"/>
        <source>the meter rejected the frame&apos;s MAC (wrong key or damaged frame)</source>
        <translation>电表拒绝了该命令的校验码（密钥错误或数据帧损坏）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/commands.py" line="49"/>
        <source>the meter rejected the frame&apos;s counter (stale or replayed command)</source>
        <translation>电表拒绝了该命令的计数器（命令过期或被重放）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/commands.py" line="52"/>
        <source>the frame was made for another meter (serial number differs)</source>
        <translation>该命令是为另一块电表生成的（表号不符）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/commands.py" line="55"/>
        <source>the refund is larger than the meter&apos;s balance</source>
        <translation>退电金额大于电表剩余金额</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/commands.py" line="58"/>
        <source>the meter does not support this command</source>
        <translation>电表不支持此命令</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/commands.py" line="59"/>
        <source>the meter does not allow this command now</source>
        <translation>电表当前不允许执行此命令</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/commands.py" line="60"/>
        <source>the frame&apos;s time is too far from the meter&apos;s clock (old or held-back command)</source>
        <translation>命令的时间与电表时钟相差太大（过期或被扣留的命令）</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="62"/>
        <source>the meter refused the command with unknown result code {code}</source>
        <translation>电表拒绝了该命令，未知结果码 {code}</translation>
    </message>
    <message>
        <location filename="../../app/services/accounts.py" line="63"/>
        <source>meter {meter} already has an open account</source>
        <translation>电表 {meter} 已开户</translation>
    </message>
    <message>
        <location filename="../../app/services/accounts.py" line="64"/>
        <source>meter {meter} did not finish in time; look at the meter before trying again</source>
        <translation>电表 {meter} 未能及时完成；请先检查该电表再重试</translation>
    </message>
    <message>
        <location filename="../../app/services/accounts.py" line="67"/>
        <source>Tariff: choose a tariff</source>
        <translation>电价方案：请选择电价方案</translation>
    </message>
    <message>
        <location filename="../../app/services/accounts.py" line="68"/>
        <source>Meters: choose at least one meter</source>
        <translation>电表：请至少选择一块电表</translation>
    </message>
    <message>
        <location filename="../../app/services/accounts.py" line="69"/>
        <source>Alarm 1: the threshold cannot be below 0.00</source>
        <translation>报警1：金额不能低于 0.00</translation>
    </message>
    <message>
        <location filename="../../app/services/accounts.py" line="70"/>
        <source>Alarm 2: the threshold must be between 0.00 and alarm 1 ({alarm1})</source>
        <translation>报警2：金额须在 0.00 与报警1（{alarm1}）之间</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/base.py" line="89"/>
        <source>this meter ({profile}) cannot do {what}</source>
        <translation>此电表（{profile}）不能{what}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/base.py" line="90"/>
        <source>{command} was not confirmed by the meter</source>
        <translation>电表未确认命令 {command}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/base.py" line="91"/>
        <source>meter {address} did not confirm the parameters (read back differs)</source>
        <translation>地址 {address} 的电表未确认参数（读回不一致）</translation>
    </message>
    <message>
        <location filename="../../app/services/accounts.py" line="159"/>
        <source>meter {meter} did not confirm the alarm thresholds</source>
        <translation>电表 {meter} 未确认报警阈值</translation>
    </message>
    <message>
        <location filename="../../app/services/accounts.py" line="176"/>
        <source>meter {meter} still holds {balance}; an account can only be opened on a meter without credit</source>
        <translation>电表 {meter} 仍有剩余金额 {balance}；只有剩余金额为零的电表才能开户</translation>
    </message>
    <message>
        <location filename="../../app/services/accounts.py" line="190"/>
        <source>meter {meter} did not reset for the new account</source>
        <translation>电表 {meter} 未能为新开户清零</translation>
    </message>
    <message>
        <location filename="../../app/services/accounts.py" line="254"/>
        <location filename="../../app/services/tenants.py" line="62"/>
        <source>no tenant {tenant}</source>
        <translation>没有编号为 {tenant} 的租户</translation>
    </message>
    <message>
        <location filename="../../app/services/accounts.py" line="480"/>
        <source>no stored reading of meter {meter} to estimate from</source>
        <translation>电表 {meter} 没有可用于估算的历史读数</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="49"/>
        <source>wrong login name or password</source>
        <translation>登录名或密码错误</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="57"/>
        <source>too many wrong passwords: account locked, try again in {minutes} min</source>
        <translation>密码错误次数过多：账号已锁定，请 {minutes} 分钟后再试</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="131"/>
        <location filename="../../app/services/auth.py" line="295"/>
        <source>the login name is empty</source>
        <translation>登录名为空</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="136"/>
        <source>the first administrator already exists</source>
        <translation>首个管理员已存在</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="243"/>
        <source>the current password is wrong</source>
        <translation>当前密码错误</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="247"/>
        <source>the new password must differ from the current one</source>
        <translation>新密码不能与当前密码相同</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="260"/>
        <source>no operator with id {id}</source>
        <translation>没有编号为 {id} 的操作员</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="270"/>
        <source>{name} is no longer an active administrator</source>
        <translation>{name} 已不再是有效的管理员</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="298"/>
        <source>the login name is longer than 64 characters</source>
        <translation>登录名超过 64 个字符</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="304"/>
        <source>an operator named {login} already exists</source>
        <translation>名为 {login} 的操作员已存在</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="330"/>
        <source>the last active administrator cannot be disabled</source>
        <translation>不能停用最后一个有效管理员</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="346"/>
        <source>the last active administrator must stay an administrator</source>
        <translation>最后一个有效管理员必须保留管理员角色</translation>
    </message>
    <message>
        <location filename="../../app/services/auth_passwords.py" line="93"/>
        <source>the password is empty</source>
        <translation>密码为空</translation>
    </message>
    <message>
        <location filename="../../app/services/auth_passwords.py" line="94"/>
        <source>the password must have at least {count} characters</source>
        <translation>密码至少需要 {count} 个字符</translation>
    </message>
    <message>
        <location filename="../../app/services/auth_passwords.py" line="95"/>
        <source>the password must not be the login name</source>
        <translation>密码不能与登录名相同</translation>
    </message>
    <message>
        <location filename="../../app/services/billing.py" line="38"/>
        <source>meter {meter} has no open account</source>
        <translation>电表 {meter} 未开户</translation>
    </message>
    <message>
        <location filename="../../app/services/billing.py" line="83"/>
        <source>the amount must be a whole number of fen</source>
        <translation>金额必须是整数分</translation>
    </message>
    <message>
        <location filename="../../app/services/billing.py" line="86"/>
        <source>the amount must be more than 0.00</source>
        <translation>金额必须大于 0.00</translation>
    </message>
    <message>
        <location filename="../../app/services/billing.py" line="91"/>
        <source>{amount} is more than the single-sale limit of {limit}</source>
        <translation>{amount} 超过单笔售电限额 {limit}</translation>
    </message>
    <message>
        <location filename="../../app/services/billing.py" line="103"/>
        <source>unknown payment method {method}</source>
        <translation>未知的付款方式 {method}</translation>
    </message>
    <message>
        <location filename="../../app/services/billing.py" line="188"/>
        <source>a correction needs a reason</source>
        <translation>冲正必须填写原因</translation>
    </message>
    <message>
        <location filename="../../app/services/billing.py" line="192"/>
        <source>entry {entry} is not a sale</source>
        <translation>记录 {entry} 不是售电记录</translation>
    </message>
    <message>
        <location filename="../../app/services/billing.py" line="196"/>
        <source>sale {sale} is {state}; only confirmed sales are reversed</source>
        <translation>售电记录 {sale} 的状态为 {state}；只能冲正已确认的售电</translation>
    </message>
    <message>
        <location filename="../../app/services/billing.py" line="210"/>
        <source>sale {sale} belongs to an earlier account on this meter</source>
        <translation>售电记录 {sale} 属于该电表以前的开户</translation>
    </message>
    <message>
        <location filename="../../app/services/ledger.py" line="42"/>
        <source>sale {sale} has already been reversed</source>
        <translation>售电记录 {sale} 已被冲正</translation>
    </message>
    <message>
        <location filename="../../app/services/ledger.py" line="252"/>
        <source>another operation on this meter is still being settled; try again shortly</source>
        <translation>该电表上的另一笔操作尚在核实中，请稍后再试</translation>
    </message>
    <message>
        <location filename="../../app/services/money_operation.py" line="37"/>
        <source>the meter did not apply the command</source>
        <translation>电表未执行该命令</translation>
    </message>
    <message>
        <location filename="../../app/services/money_operation.py" line="39"/>
        <source>the refund of {amount} is more than the meter&apos;s balance of {balance}</source>
        <translation>退电金额 {amount} 大于电表剩余金额 {balance}</translation>
    </message>
    <message>
        <location filename="../../app/services/money_operation.py" line="42"/>
        <source>the correction of {amount} is more than the meter&apos;s balance of {balance}</source>
        <translation>冲正金额 {amount} 大于电表剩余金额 {balance}</translation>
    </message>
    <message>
        <location filename="../../app/services/money_operation.py" line="46"/>
        <source>the {what} of {amount} is more than the meter&apos;s balance of {balance}</source>
        <translation>{what} 金额 {amount} 大于电表剩余金额 {balance}</translation>
    </message>
    <message>
        <location filename="../../app/services/permissions.py" line="72"/>
        <source>{name} ({role}) may not do this: {permission}</source>
        <translation>{name}（{role}）无权执行此操作：{permission}</translation>
    </message>
    <message>
        <location filename="../../app/services/settlement.py" line="217"/>
        <source>entry {entry} on this meter is still {state}; it must be settled before new money moves</source>
        <translation>该电表的记录 {entry} 仍为 {state} 状态；须先核实，才能进行新的资金操作</translation>
    </message>
    <message>
        <location filename="../../app/logconfig.py" line="15"/>
        <source>cannot open the log file {path}: {reason}</source>
        <translation>无法打开日志文件 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/models/db.py" line="42"/>
        <source>no site at {path}: there is no site database there (a mistyped --data-dir or --db?). A new site is made by the first start, or by: init-site --data-dir {folder}</source>
        <translation>{path} 处没有站点：那里没有站点数据库（--data-dir 或 --db 输错了？）。新站点在首次启动时建立，或用：init-site --data-dir {folder}</translation>
    </message>
    <message>
        <location filename="../../app/models/db.py" line="47"/>
        <source>the site database {path} is a folder, not a database file</source>
        <translation>站点数据库 {path} 是一个文件夹，不是数据库文件</translation>
    </message>
    <message>
        <location filename="../../app/models/db.py" line="50"/>
        <source>the site database {path} is empty (0 bytes): restore site.db from the backup</source>
        <translation>站点数据库 {path} 为空（0 字节）：请从备份恢复 site.db</translation>
    </message>
    <message>
        <location filename="../../app/models/db.py" line="54"/>
        <source>{path} is not a site database (damaged, or another kind of file): restore site.db from the backup</source>
        <translation>{path} 不是站点数据库（已损坏，或是别的文件）：请从备份恢复 site.db</translation>
    </message>
    <message>
        <location filename="../../app/models/db.py" line="59"/>
        <source>{path} is an SQLite database but not a site database: check --db</source>
        <translation>{path} 是 SQLite 数据库，但不是站点数据库：请检查 --db</translation>
    </message>
    <message>
        <location filename="../../app/models/db.py" line="62"/>
        <source>the site database {path} is cut short ({size} of {expected} bytes): restore site.db from the backup</source>
        <translation>站点数据库 {path} 不完整（{size}/{expected} 字节）：请从备份恢复 site.db</translation>
    </message>
    <message>
        <location filename="../../app/models/db.py" line="67"/>
        <source>the site database {path} is damaged ({reason}): restore site.db from the backup</source>
        <translation>站点数据库 {path} 已损坏（{reason}）：请从备份恢复 site.db</translation>
    </message>
    <message>
        <location filename="../../app/models/db.py" line="70"/>
        <source>the site database {path} is locked by another program ({reason}): close that program and try again</source>
        <translation>站点数据库 {path} 被另一个程序锁定（{reason}）：请关闭该程序后重试</translation>
    </message>
    <message>
        <location filename="../../app/models/db.py" line="75"/>
        <source>cannot write the site database {path} ({reason}): the folder {folder} must be writable (the database keeps its -wal and -shm files beside it)</source>
        <translation>无法写入站点数据库 {path}（{reason}）：文件夹 {folder} 必须可写（数据库在旁边保存 -wal 和 -shm 文件）</translation>
    </message>
    <message>
        <location filename="../../app/models/db.py" line="80"/>
        <source>cannot write the site database {path} ({reason}): is the disk full?</source>
        <translation>无法写入站点数据库 {path}（{reason}）：磁盘满了吗？</translation>
    </message>
    <message>
        <location filename="../../app/models/db.py" line="83"/>
        <source>cannot use the site database {path}: {reason}</source>
        <translation>无法使用站点数据库 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/models/db.py" line="84"/>
        <source>a site database already exists at {path}: a new site needs an empty folder</source>
        <translation>{path} 处已有站点数据库：新站点需要一个空文件夹</translation>
    </message>
    <message>
        <location filename="../../app/paths.py" line="14"/>
        <source>cannot create the folder {folder}: {reason}</source>
        <translation>无法创建文件夹 {folder}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/security.py" line="178"/>
        <source>the site&apos;s master key {path} is missing: the meters accept only commands made with that key, so a new one cannot replace it. Restore master.key from the backup into {folder}</source>
        <translation>站点主密钥 {path} 不见了：电表只接受用该密钥生成的命令，新密钥不能代替它。请从备份把 master.key 恢复到 {folder}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/security.py" line="183"/>
        <source>cannot read the site&apos;s master key {path}: {reason}. Restore it from the backup</source>
        <translation>无法读取站点主密钥 {path}：{reason}。请从备份恢复</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/security.py" line="186"/>
        <source>the site&apos;s master key {path} is damaged (it must hold {size} bytes as hex). Restore master.key from the backup</source>
        <translation>站点主密钥 {path} 已损坏（应为 {size} 字节的十六进制）。请从备份恢复 master.key</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/security.py" line="191"/>
        <source>a master key already exists at {path}</source>
        <translation>{path} 处已有主密钥</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/security.py" line="192"/>
        <source>cannot write the master key {path}: {reason}</source>
        <translation>无法写入主密钥 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/services/bus_jobs.py" line="47"/>
        <source>no process served the bus in time: the operation was not started, nothing was done</source>
        <translation>没有进程及时服务该总线：操作未开始，未做任何更改</translation>
    </message>
    <message>
        <location filename="../../app/services/bus_jobs.py" line="50"/>
        <source>the process serving the bus stopped during the operation; entry {entry} settles from the meter&apos;s purchase count</source>
        <translation>服务该总线的进程在操作中停止；记录 {entry} 将按电表的购电次数结算</translation>
    </message>
    <message>
        <location filename="../../app/services/bus_jobs.py" line="55"/>
        <source>the process serving the bus stopped during the operation; no money moved</source>
        <translation>服务该总线的进程在操作中停止；没有资金变动</translation>
    </message>
    <message>
        <location filename="../../app/services/bus_jobs.py" line="58"/>
        <source>this operation must run in the process that serves the bus</source>
        <translation>此操作必须在服务该总线的进程中执行</translation>
    </message>
    <message>
        <location filename="../../app/services/bus_jobs.py" line="216"/>
        <source>operator {name} may no longer do this</source>
        <translation>操作员 {name} 已无权执行此操作</translation>
    </message>
    <message>
        <location filename="../../app/services/chain_key.py" line="87"/>
        <source>the site master key must be 32 bytes</source>
        <translation>站点主密钥必须为 32 字节</translation>
    </message>
    <message>
        <location filename="../../app/services/chain_key.py" line="116"/>
        <source>the ledger and system log keys are not loaded (the site&apos;s master key was not opened); nothing was written</source>
        <translation>台账和系统日志的密钥未加载（站点主密钥未打开）；未写入任何内容</translation>
    </message>
    <message>
        <location filename="../../app/services/chain_rekey.py" line="67"/>
        <source>the key file {path} is not the key this site&apos;s ledger was written with (replaced?); restore master.key from the backup</source>
        <translation>密钥文件 {path} 不是写入本站点台账时所用的密钥（被替换了？）；请从备份恢复 master.key</translation>
    </message>
    <message>
        <location filename="../../app/cli/control.py" line="52"/>
        <source>{text} is not a meter range: both ends need the same prefix, the first the lower</source>
        <translation>{text} 不是有效的电表范围：两端前缀须相同，且起始编号较小</translation>
    </message>
    <message>
        <location filename="../../app/cli/control.py" line="55"/>
        <location filename="../../app/cli/sell.py" line="190"/>
        <source>no meter numbered {number}</source>
        <translation>没有编号为 {number} 的电表</translation>
    </message>
    <message>
        <location filename="../../app/cli/simulate.py" line="105"/>
        <source>--start {text} is neither a date-time nor unix seconds</source>
        <translation>--start {text} 既不是日期时间也不是 Unix 秒数</translation>
    </message>
    <message>
        <location filename="../../app/cli/simulate.py" line="112"/>
        <source>--start {text} is outside what a meter clock holds (1970 to 2106)</source>
        <translation>--start {text} 超出电表时钟范围（1970 至 2106 年）</translation>
    </message>
    <message>
        <location filename="../../app/cli/simulate.py" line="155"/>
        <source>--tcp {port} is not a TCP port</source>
        <translation>--tcp {port} 不是有效的 TCP 端口</translation>
    </message>
    <message>
        <location filename="../../app/cli/simulate.py" line="205"/>
        <source>could not save the simulator state: {reason}</source>
        <translation>无法保存模拟器状态：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/models/migrations.py" line="339"/>
        <source>the database has schema version {version}, newer than this program ({latest})</source>
        <translation>数据库结构版本为 {version}，比本程序支持的版本（{latest}）新</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/meter_link.py" line="22"/>
        <source>meter {meter_id} is not on bus {bus}</source>
        <translation>电表 {meter_id} 不在总线 {bus} 上</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/poll_store.py" line="102"/>
        <source>another database is open, not {path}</source>
        <translation>已打开另一个数据库，不是 {path}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/__init__.py" line="24"/>
        <source>unknown meter profile {name}</source>
        <translation>未知的电表类型 {name}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/bus.py" line="87"/>
        <source>two simulated meters share address {address}</source>
        <translation>两个模拟电表使用同一地址 {address}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/faults.py" line="39"/>
        <source>bad address or range {part} (use e.g. 1-10,20)</source>
        <translation>地址或范围 {part} 无效（例如 1-10,20）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/faults.py" line="44"/>
        <source>address range {part} must lie within 1-247, low to high</source>
        <translation>地址范围 {part} 必须在 1-247 之内，且从小到大</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/faults.py" line="52"/>
        <source>no addresses in {text}</source>
        <translation>{text} 中没有地址</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/faults.py" line="78"/>
        <source>fault {key}={value}: expected a probability 0-1</source>
        <translation>故障 {key}={value}：应为 0-1 之间的概率</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/faults.py" line="84"/>
        <source>fault {key}={value}: a probability must be within 0-1</source>
        <translation>故障 {key}={value}：概率必须在 0-1 之间</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/faults.py" line="103"/>
        <source>fault {key}: {tail} after @ is not a number</source>
        <translation>故障 {key}：@ 后的 {tail} 不是数字</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/faults.py" line="109"/>
        <source>fault {key}: the value after @ must be a positive number</source>
        <translation>故障 {key}：@ 后的值必须是正数</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/faults.py" line="114"/>
        <source>fault {key}: the value after @ is at most {most}</source>
        <translation>故障 {key}：@ 后的值最大为 {most}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/faults.py" line="134"/>
        <source>fault {item}: expected name=value</source>
        <translation>故障 {item}：应为 名称=值</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/faults.py" line="150"/>
        <source>unknown fault {key} (dead, lost, crc, late, garbage, reboot)</source>
        <translation>未知故障 {key}（dead、lost、crc、late、garbage、reboot）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/server.py" line="43"/>
        <source>parity must be N, E or O, not {parity}</source>
        <translation>校验位必须是 N、E 或 O，而不是 {parity}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/server.py" line="48"/>
        <source>baud rate {baud} is not plausible</source>
        <translation>波特率 {baud} 不合理</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/server.py" line="169"/>
        <source>cannot create link {link}: {reason}</source>
        <translation>无法创建链接 {link}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/listen.py" line="20"/>
        <source>cannot listen on {host}:{port}: {reason}</source>
        <translation>无法在 {host}:{port} 上监听：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/site_file.py" line="177"/>
        <source>site file group {index} needs an &apos;addresses&apos; entry</source>
        <translation>站点文件第 {index} 组缺少 &apos;addresses&apos; 项</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/site_file.py" line="184"/>
        <source>site file group {index}: one serial per address is required</source>
        <translation>站点文件第 {index} 组：每个地址需要一个表号</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/site_file.py" line="196"/>
        <source>site file group {index}: phases must be 1 or 3</source>
        <translation>站点文件第 {index} 组：相数必须是 1 或 3</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/site_file.py" line="250"/>
        <source>cannot read site file {path}: {reason}</source>
        <translation>无法读取站点文件 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/site_file.py" line="256"/>
        <source>site file {path} is not valid JSON: {reason}</source>
        <translation>站点文件 {path} 不是有效的 JSON：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/site_file.py" line="263"/>
        <source>site file {path} must hold a non-empty list of meter groups</source>
        <translation>站点文件 {path} 必须包含非空的电表组列表</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/site_file.py" line="275"/>
        <source>site file group {index}: {reason}</source>
        <translation>站点文件第 {index} 组：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/site_file.py" line="282"/>
        <source>site file lists address {address} twice</source>
        <translation>站点文件中地址 {address} 出现了两次</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/state_file.py" line="50"/>
        <source>simulator state file {path} is unreadable: {reason}</source>
        <translation>模拟器状态文件 {path} 无法读取：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/transport.py" line="95"/>
        <source>baud rate {baud} is not supported (use {low} to {high})</source>
        <translation>不支持波特率 {baud}（请使用 {low} 至 {high}）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/transport.py" line="102"/>
        <source>parity {parity} is not supported (use N, E or O)</source>
        <translation>不支持校验位 {parity}（请使用 N、E 或 O）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/transport.py" line="107"/>
        <source>{stopbits} stop bits are not supported (use 1 or 2)</source>
        <translation>不支持 {stopbits} 位停止位（请使用 1 或 2）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/transport.py" line="112"/>
        <source>timeout and turnaround must not be negative</source>
        <translation>超时和收发切换时间不能为负数</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/transport.py" line="115"/>
        <source>no serial port or gateway address is set</source>
        <translation>未设置串口或通讯管理机地址</translation>
    </message>
    <message>
        <location filename="../../app/services/demo_sim.py" line="60"/>
        <source>simulated bus description {path} is unusable: {reason}</source>
        <translation>模拟总线描述文件 {path} 无法使用：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/services/demo_site.py" line="318"/>
        <source>demo: opening meter {meter_id} failed: {reason}</source>
        <translation>演示：电表 {meter_id} 开户失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/services/jobs.py" line="68"/>
        <source>unknown job kind {kind}</source>
        <translation>未知的任务类型 {kind}</translation>
    </message>
    <message>
        <location filename="../../app/services/money.py" line="89"/>
        <source>Enter an amount, for example 100.00.</source>
        <translation>请输入金额，例如 100.00。</translation>
    </message>
    <message>
        <location filename="../../app/services/money.py" line="95"/>
        <source>{text}: the amount must be more than zero.</source>
        <translation>{text}：金额必须大于零。</translation>
    </message>
    <message>
        <location filename="../../app/services/money.py" line="100"/>
        <source>{text}: type the amount without a sign.</source>
        <translation>{text}：输入金额时请不要带正负号。</translation>
    </message>
    <message>
        <location filename="../../app/services/money.py" line="108"/>
        <source>{text}: thousands separators must split the yuan into groups of three digits, as in 1,000.00.</source>
        <translation>{text}：千位分隔符须将元按三位一组分隔，例如 1,000.00。</translation>
    </message>
    <message>
        <location filename="../../app/services/money.py" line="117"/>
        <source>{text} is not an amount: use digits and at most one decimal point, as in 100.50.</source>
        <translation>{text} 不是金额：请使用数字和最多一个小数点，例如 100.50。</translation>
    </message>
    <message>
        <location filename="../../app/services/money.py" line="128"/>
        <source>{text}: an amount has at most two decimals (fen).</source>
        <translation>{text}：金额最多两位小数（分）。</translation>
    </message>
    <message>
        <location filename="../../app/services/money.py" line="134"/>
        <source>{text} is too large to be an amount.</source>
        <translation>{text} 太大，不是有效金额。</translation>
    </message>
    <message>
        <location filename="../../app/services/money.py" line="139"/>
        <source>The amount must be more than zero.</source>
        <translation>金额必须大于零。</translation>
    </message>
    <message>
        <location filename="../../app/services/money.py" line="143"/>
        <source>{amount} is over the single-sale limit of {limit}.</source>
        <translation>{amount} 超过单笔售电限额 {limit}。</translation>
    </message>
    <message>
        <location filename="../../app/services/site.py" line="376"/>
        <source>meter {meter_id} is on no running bus</source>
        <translation>电表 {meter_id} 所在总线未运行</translation>
    </message>
    <message>
        <location filename="../../app/services/bus_share.py" line="39"/>
        <source>no bus or building named {names} in this site</source>
        <translation>本站点中没有名为 {names} 的总线或楼宇</translation>
    </message>
    <message>
        <location filename="../../app/settings.py" line="39"/>
        <source>{key} must be a whole number</source>
        <translation>{key} 必须是整数</translation>
    </message>
    <message>
        <location filename="../../app/settings.py" line="40"/>
        <source>{key} must be text</source>
        <translation>{key} 必须是文本</translation>
    </message>
    <message>
        <location filename="../../app/settings.py" line="41"/>
        <source>{key} must be at least {minimum}</source>
        <translation>{key} 不能小于 {minimum}</translation>
    </message>
    <message>
        <location filename="../../app/settings.py" line="42"/>
        <source>{key} must be at most {maximum}</source>
        <translation>{key} 不能大于 {maximum}</translation>
    </message>
    <message>
        <location filename="../../app/settings.py" line="43"/>
        <source>{key} must be one of {choices}</source>
        <translation>{key} 必须是以下之一：{choices}</translation>
    </message>
    <message>
        <location filename="../../app/settings.py" line="44"/>
        <source>{key} must be yes or no</source>
        <translation>{key}必须为是或否</translation>
    </message>
    <message>
        <location filename="../../app/settings.py" line="45"/>
        <source>{key} must be at most {length} characters</source>
        <translation>{key}最多{length}个字符</translation>
    </message>
    <message>
        <location filename="../../app/services/tenants.py" line="53"/>
        <source>Tenant name: enter the tenant&apos;s name</source>
        <translation>租户名称：请填写租户名称</translation>
    </message>
    <message>
        <location filename="../../app/services/tenants.py" line="54"/>
        <source>{field}: at most {maximum} characters</source>
        <translation>{field}：最多 {maximum} 个字符</translation>
    </message>
    <message>
        <location filename="../../app/services/tenants.py" line="55"/>
        <source>Phone: {phone} is neither a mobile number (11 digits starting 13-19) nor a landline with its area code (0755-12345678)</source>
        <translation>电话：{phone} 既不是手机号码（13-19 开头的 11 位数字），也不是带区号的固定电话（0755-12345678）</translation>
    </message>
    <message>
        <location filename="../../app/services/tenants.py" line="60"/>
        <source>Kiosk PIN: 4 to 8 digits</source>
        <translation>自助查询密码：须为 4 到 8 位数字</translation>
    </message>
    <message>
        <location filename="../../app/services/tenants.py" line="61"/>
        <source>Account no.: {account_no} is already used</source>
        <translation>户号：{account_no} 已被使用</translation>
    </message>
    <message>
        <location filename="../../app/services/tenants.py" line="65"/>
        <source>Tenant name</source>
        <translation>租户名称</translation>
    </message>
    <message>
        <location filename="../../app/services/tenants.py" line="66"/>
        <source>Shop / room</source>
        <translation>商铺 / 房号</translation>
    </message>
    <message>
        <location filename="../../app/services/tenants.py" line="67"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/services/tenants.py" line="68"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../app/services/tenants.py" line="178"/>
        <source>tenant {account_no} still has open meters; close their accounts first</source>
        <translation>租户 {account_no} 仍有已开户的电表，请先销户</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="61"/>
        <source>PIN again: the two PINs are not the same</source>
        <translation>确认查询密码：两次输入的密码不一致</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="63"/>
        <source>Alarm 1: {reason}</source>
        <translation>报警1：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="64"/>
        <source>Alarm 2: {reason}</source>
        <translation>报警2：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="65"/>
        <source>First sale: {reason}</source>
        <translation>首次购电：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="54"/>
        <source>The meter holds {balance} now: a refund of {amount} is more than that. Enter at most {balance}.</source>
        <translation>电表当前剩余金额为 {balance}：退电 {amount} 超过了剩余金额。退电金额最多为 {balance}。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/texts.py" line="59"/>
        <source>The meter holds {balance} now: reversing this sale takes back {amount}, more than that. Choose another sale, or refund at most {balance}.</source>
        <translation>电表当前剩余金额为 {balance}：冲正这笔售电要扣回 {amount}，超过了剩余金额。请选择其他售电记录，或退电最多 {balance}。</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/acrel_adf400l.py" line="49"/>
        <source>meter {address} is a multi-circuit meter: give its circuit number (1 to {last})</source>
        <translation>地址 {address} 的电表是多回路电表：请给出回路号（1 到 {last}）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/acrel_ddsy1352.py" line="60"/>
        <source>the Acrel site key ({file}) is missing from the data folder: writes to Acrel meters are enciphered with it</source>
        <translation>数据文件夹中缺少安科瑞站点密钥（{file}）：写入安科瑞电表需用它加密</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/acrel_ddsy1352.py" line="68"/>
        <source>the refund of {amount} yuan is more than the {money} yuan the meter holds now</source>
        <translation>退费金额 {amount} 元超过电表当前剩余的 {money} 元</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/acrel_frames.py" line="90"/>
        <source>the meter refused the write: the purchase count is not its stored count + 1 (stale or replayed write)</source>
        <translation>电表拒绝写入：购电次数不是其已存次数加 1（过期或重放的写入）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/acrel_frames.py" line="95"/>
        <source>the meter could not decipher the write (wrong Acrel site key) or a value is out of range</source>
        <translation>电表无法解密写入内容（安科瑞站点密钥错误）或数值超出范围</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/acrel_frames.py" line="99"/>
        <source>the meter refused the write: not its prepaid parameter block</source>
        <translation>电表拒绝写入：不是其预付费参数块</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/acrel_frames.py" line="120"/>
        <source>the meter refused the command: the purchase count is not its stored count + 1 (stale or replayed command)</source>
        <translation>电表拒绝命令：购电次数不是其已存次数加 1（过期或重放的命令）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/acrel_frames.py" line="125"/>
        <source>the meter could not decipher the command (wrong Acrel site key)</source>
        <translation>电表无法解密命令（安科瑞站点密钥错误）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/acrel_frames.py" line="128"/>
        <source>the meter has no such circuit</source>
        <translation>电表没有该回路</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/acrel_frames.py" line="129"/>
        <source>the meter refused a value out of range</source>
        <translation>电表拒绝了超出范围的数值</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/simulator/personalities/__init__.py" line="33"/>
        <source>the simulator has no meter family {name}</source>
        <translation>模拟器没有表计系列 {name}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/worker.py" line="57"/>
        <source>meter {address} answered, but its registers do not decode as profile {profile} ({reason}): check the meter&apos;s family</source>
        <translation>地址 {address} 的电表有应答，但其寄存器无法按 {profile} 类型解码（{reason}）：请检查电表类型</translation>
    </message>
    <message>
        <location filename="../../app/services/site_rules.py" line="21"/>
        <source>{field}: address {value} is outside 1-247</source>
        <translation>{field}：地址 {value} 不在 1-247 之间</translation>
    </message>
    <message>
        <location filename="../../app/services/site_rules.py" line="22"/>
        <source>{field}: a {profile} meter needs a circuit from 1 to {last}</source>
        <translation>{field}：{profile} 电表需要 1 到 {last} 的回路号</translation>
    </message>
    <message>
        <location filename="../../app/services/site_rules.py" line="25"/>
        <source>{field}: a {profile} meter has no circuits (use 0)</source>
        <translation>{field}：{profile} 电表没有回路（请填 0）</translation>
    </message>
    <message>
        <location filename="../../app/services/site_rules.py" line="26"/>
        <source>{field}: {value} is not a whole number</source>
        <translation>{field}：{value} 不是整数</translation>
    </message>
    <message>
        <location filename="../../app/services/site_rules.py" line="27"/>
        <source>{field}: {value} is outside {low}-{high}</source>
        <translation>{field}：{value} 不在 {low}-{high} 之间</translation>
    </message>
    <message>
        <location filename="../../app/services/site_rules.py" line="28"/>
        <source>{field} must not be empty</source>
        <translation>{field}不能为空</translation>
    </message>
    <message>
        <location filename="../../app/services/site_rules.py" line="29"/>
        <source>{field} is longer than {limit} characters</source>
        <translation>{field}超过 {limit} 个字符</translation>
    </message>
    <message>
        <location filename="../../app/services/site_rules.py" line="30"/>
        <source>{field}: no meter family {value} (known: {known})</source>
        <translation>{field}：没有电表类型 {value}（已知：{known}）</translation>
    </message>
    <message>
        <location filename="../../app/services/site_rules.py" line="31"/>
        <source>{field}: parity {value} is not N, E or O</source>
        <translation>{field}：校验位 {value} 不是 N、E 或 O</translation>
    </message>
    <message>
        <location filename="../../app/services/site_rules.py" line="32"/>
        <source>{field}: {value} is not a serial port (COM3, /dev/ttyUSB0) or a gateway address (socket://host:port)</source>
        <translation>{field}：{value} 不是串口（COM3、/dev/ttyUSB0）或网关地址（socket://主机:端口）</translation>
    </message>
    <message>
        <location filename="../../app/services/site_rules.py" line="37"/>
        <source>{field}: {value} is not a host name or IP address</source>
        <translation>{field}：{value} 不是主机名或 IP 地址</translation>
    </message>
    <message>
        <location filename="../../app/services/site_rules.py" line="38"/>
        <source>{field}: {value} is already used by {other}</source>
        <translation>{field}：{value} 已被 {other} 使用</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/site_keys.py" line="41"/>
        <source>the meter key {path} is damaged: it must hold 32 hex digits (the meters&apos; key) or 64 (a key the program made, of which the first 32 are used)</source>
        <translation>电表密钥文件 {path} 已损坏：应为 32 位十六进制数字（电表的密钥），或 64 位（程序生成的密钥，取前 32 位）</translation>
    </message>
    <message>
        <location filename="../../app/services/site_settings.py" line="21"/>
        <source>{key} must be below alarm 1 ({alarm1})</source>
        <translation>{key}必须低于报警1（{alarm1}）</translation>
    </message>
    <message>
        <location filename="../../app/services/site_settings.py" line="22"/>
        <source>{key} must not be empty</source>
        <translation>{key}不能为空</translation>
    </message>
    <message>
        <location filename="../../app/cli/scan.py" line="43"/>
        <source>no bus named {name} in this site (buses: {known})</source>
        <translation>本站点没有名为 {name} 的总线（现有：{known}）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/address_probe.py" line="31"/>
        <source>answers, but no meter family recognises it</source>
        <translation>有应答，但无法识别电表类型</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/address_probe.py" line="32"/>
        <source>damaged answers on {damaged} of {tries} tries: two meters on one address?</source>
        <translation>{tries} 次中有 {damaged} 次应答损坏：可能两块电表使用同一地址？</translation>
    </message>
    <message>
        <location filename="../../app/services/bus_scan.py" line="41"/>
        <source>scan addresses must satisfy 1 &lt;= first &lt;= last &lt;= 247 (got {first}-{last})</source>
        <translation>扫描地址须满足 1 &lt;= 起始 &lt;= 结束 &lt;= 247（当前 {first}-{last}）</translation>
    </message>
    <message>
        <location filename="../../app/services/bus_scan.py" line="419"/>
        <source>{field}: {value} is not a number pattern ({reason})</source>
        <translation>{field}：{value} 不是有效的编号模板（{reason}）</translation>
    </message>
    <message>
        <location filename="../../app/services/commission.py" line="46"/>
        <source>no meter family recognises the meter at address {address}</source>
        <translation>无法识别地址 {address} 上电表的类型</translation>
    </message>
    <message>
        <location filename="../../app/services/commission.py" line="47"/>
        <source>the parameters read back differ from those written (alarm 1 {alarm1}, alarm 2 {alarm2})</source>
        <translation>回读参数与写入不一致（报警1 {alarm1}，报警2 {alarm2}）</translation>
    </message>
    <message>
        <location filename="../../app/services/commission.py" line="51"/>
        <source>not done: an earlier step failed</source>
        <translation>未执行：前一步骤失败</translation>
    </message>
    <message>
        <location filename="../../app/cli/import_site.py" line="40"/>
        <source>no password: set {variable} or run it on a terminal to be asked</source>
        <translation>没有密码：请设置 {variable}，或在终端中运行以输入密码</translation>
    </message>
    <message>
        <location filename="../../app/cli/import_site.py" line="43"/>
        <source>no file {file}</source>
        <translation>没有文件 {file}</translation>
    </message>
    <message>
        <location filename="../../app/cli/import_site.py" line="162"/>
        <source>--operator: who imports into this site</source>
        <translation>--operator：请指定导入本站点的操作员</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/apply.py" line="31"/>
        <source>the site changed since the file was checked; check the file again</source>
        <translation>检查文件后站点配置已被修改，请重新检查文件</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="17"/>
        <source>{file} is not an Excel workbook (.xlsx); save it from Excel as .xlsx</source>
        <translation>{file} 不是 Excel 工作簿（.xlsx），请在 Excel 中另存为 .xlsx</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="20"/>
        <source>{file} is password protected or an old .xls file; save it from Excel as an .xlsx without a password</source>
        <translation>{file} 有密码保护或是旧版 .xls 文件，请在 Excel 中另存为不带密码的 .xlsx</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="25"/>
        <source>cannot read {file}: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="26"/>
        <source>the workbook has no sheet {sheet}</source>
        <translation>工作簿缺少工作表 {sheet}</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="27"/>
        <source>the sheet has no column {column}</source>
        <translation>工作表缺少列 {column}</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="28"/>
        <source>the column {column} appears twice</source>
        <translation>列 {column} 出现了两次</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="29"/>
        <source>merged cells {cells}: unmerge them, one value per cell</source>
        <translation>合并单元格 {cells}：请取消合并，每个单元格一个值</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="30"/>
        <source>{field}: a formula ({formula}); type the value itself (copy, paste values)</source>
        <translation>{field}：是公式（{formula}），请填写数值本身（复制后选择性粘贴为数值）</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="33"/>
        <source>{field}: Excel shows a date ({value}) where a value belongs; format the cell as text</source>
        <translation>{field}：此处应为数值，Excel 却显示为日期（{value}），请将单元格格式设为文本</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="36"/>
        <source>{field}: {value} is not a date (2024-05-31)</source>
        <translation>{field}：{value} 不是日期（如 2024-05-31）</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="37"/>
        <source>{field}: {value} is not yes or no</source>
        <translation>{field}：{value} 不是“是”或“否”</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="38"/>
        <source>{field}: {value} is not an amount in yuan (20.00)</source>
        <translation>{field}：{value} 不是以元为单位的金额（如 20.00）</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="39"/>
        <source>{field}: {value} is also in row {row}</source>
        <translation>{field}：{value} 与第 {row} 行重复</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="42"/>
        <source>{field}: no building named {value} in the file or on this site</source>
        <translation>{field}：文件和本站点中都没有名为 {value} 的楼宇</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="45"/>
        <source>{field}: no gateway named {value} in the file or on this site</source>
        <translation>{field}：文件和本站点中都没有名为 {value} 的通讯管理机</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="48"/>
        <source>{field}: no bus named {value} in the file or on this site</source>
        <translation>{field}：文件和本站点中都没有名为 {value} 的总线</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="49"/>
        <source>{field}: no meter numbered {value} in the file or on this site</source>
        <translation>{field}：文件和本站点中都没有编号为 {value} 的电表</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="53"/>
        <source>{field}: gateway {gateway} has serial ports 1-{last}, not {value}</source>
        <translation>{field}：通讯管理机 {gateway} 的串口为 1-{last}，没有 {value}</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="56"/>
        <source>Port: give a serial port, or a gateway and its serial port number</source>
        <translation>串口：请填写串口，或通讯管理机及其串口号</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="59"/>
        <source>{field}: {value} is not gateway {gateway}&apos;s port {port} ({expected}); leave it blank</source>
        <translation>{field}：{value} 不是通讯管理机 {gateway} 的第 {port} 口（{expected}），请留空</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="62"/>
        <source>{field}: bus {bus} address {address} circuit {circuit} is also meter {other}</source>
        <translation>{field}：总线 {bus} 地址 {address} 回路 {circuit} 已被电表 {other} 占用</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="65"/>
        <source>meter {meter} already has an open account ({account})</source>
        <translation>电表 {meter} 已开户（账户 {account}）</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="68"/>
        <source>meter {meter} is a metering-only meter: it holds no money, no account</source>
        <translation>电表 {meter} 为计量表：不存金额，不能开户</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="71"/>
        <source>account {account} is {name} in an earlier row: one account, one tenant name</source>
        <translation>账户 {account} 在前面的行中为 {name}：同一账户只能有一个租户名称</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="74"/>
        <source>the file has {count} problem(s); nothing was written</source>
        <translation>文件有 {count} 个问题，未写入任何内容</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="78"/>
        <source>{sheet}: empty rows skipped: {rows}</source>
        <translation>{sheet}：已跳过空行 {rows}</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="79"/>
        <source>the columns are not in the template&apos;s order: read by their headers</source>
        <translation>列的顺序与模板不同：已按表头读取</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="82"/>
        <source>{sheet}: column {column} is not the template&apos;s: ignored</source>
        <translation>{sheet}：列 {column} 不属于模板，已忽略</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="86"/>
        <source>{count} building(s) on this site are not in the file: kept as they are</source>
        <translation>本站点有 {count} 个楼宇不在文件中：保持不变</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="89"/>
        <source>{count} gateway(s) on this site are not in the file: kept as they are</source>
        <translation>本站点有 {count} 台通讯管理机不在文件中：保持不变</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="92"/>
        <source>{count} bus(es) on this site are not in the file: kept as they are</source>
        <translation>本站点有 {count} 条总线不在文件中：保持不变</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="95"/>
        <source>{count} meter(s) on this site are not in the file: kept as they are</source>
        <translation>本站点有 {count} 块电表不在文件中：保持不变</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="99"/>
        <source>{count} tenant(s) to take over: each meter&apos;s balance and purchase count are read when applying; a meter that does not answer is not taken over, the others are</source>
        <translation>待接管租户 {count} 个：导入时读取每块电表的剩余金额和购电次数；不应答的电表不接管，其余照常接管</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/preview.py" line="104"/>
        <source>nothing to change: the site matches the file</source>
        <translation>无需修改：站点配置与文件一致</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/takeover.py" line="39"/>
        <source>meter {meter} was not taken over: {error}</source>
        <translation>电表 {meter} 未接管：{error}</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/writer.py" line="20"/>
        <source>cannot use {file}: {reason}</source>
        <translation>无法使用 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="31"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="32"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="33"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="34"/>
        <source>Serial ports</source>
        <translation>串口数</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="35"/>
        <source>First TCP port</source>
        <translation>起始 TCP 端口</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="36"/>
        <source>Meter family</source>
        <translation>电表类型</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="37"/>
        <source>Port</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="38"/>
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="39"/>
        <source>Parity</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="40"/>
        <source>Stop bits</source>
        <translation>停止位</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="41"/>
        <source>Timeout (ms)</source>
        <translation>超时（毫秒）</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="42"/>
        <source>Turnaround (ms)</source>
        <translation>转换间隔（毫秒）</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="43"/>
        <source>Gateway port</source>
        <translation>管理机端口</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="44"/>
        <source>Meter number</source>
        <translation>表号</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="45"/>
        <source>Bus</source>
        <translation>总线</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="46"/>
        <source>Circuit</source>
        <translation>回路</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="47"/>
        <source>Building</source>
        <translation>楼宇</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="48"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="49"/>
        <source>CT ratio</source>
        <translation>CT 变比</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="50"/>
        <source>PT ratio</source>
        <translation>PT 变比</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="51"/>
        <source>Alarm 1</source>
        <translation>报警1</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="52"/>
        <source>Alarm 2</source>
        <translation>报警2</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="53"/>
        <source>Overload (W)</source>
        <translation>过载（W）</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="54"/>
        <source>Tariff</source>
        <translation>费率</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="57"/>
        <source>building {name} is used by {count} meter(s): move them first</source>
        <translation>楼宇 {name} 下有 {count} 块电表：请先移走</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="60"/>
        <source>gateway {name}: its buses carry {count} meter(s): move or remove them first</source>
        <translation>通讯管理机 {name} 的总线上有 {count} 块电表：请先移走或删除</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="63"/>
        <source>{field}: bus {bus} beyond port {value} carries {count} meter(s)</source>
        <translation>{field}：端口 {value} 之后的总线 {bus} 上有 {count} 块电表</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="66"/>
        <source>bus {name} carries {count} meter(s): move them first</source>
        <translation>总线 {name} 上有 {count} 块电表：请先移走</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="67"/>
        <source>meter {number} has an open account ({account}): it can only be disabled</source>
        <translation>电表 {number} 已开户（{account}）：只能停用</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="70"/>
        <source>meter {number} has a sales history: it can only be disabled</source>
        <translation>电表 {number} 有售电记录：只能停用</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="73"/>
        <source>meter {number} moves from bus {old_bus} address {old_address} to bus {new_bus} address {new_address}: confirm the move</source>
        <translation>电表 {number} 将从总线 {old_bus} 地址 {old_address} 移到总线 {new_bus} 地址 {new_address}：请确认</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="78"/>
        <source>{kind} {id} no longer exists</source>
        <translation>{kind} {id} 已不存在</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="79"/>
        <source>bus {name} belongs to gateway {gateway}: remove or shrink the gateway instead</source>
        <translation>总线 {name} 属于通讯管理机 {gateway}：请删除管理机或减少其端口数</translation>
    </message>
    <message>
        <location filename="../../app/services/schedule_times.py" line="301"/>
        <source>When: not a form of schedule this program knows</source>
        <translation>执行时间：无法识别的计划形式</translation>
    </message>
    <message>
        <location filename="../../app/services/schedule_times.py" line="302"/>
        <source>Time: {text} is not a time of day (HH:MM)</source>
        <translation>时间：{text} 不是时刻（HH:MM）</translation>
    </message>
    <message>
        <location filename="../../app/services/schedule_times.py" line="303"/>
        <source>Time: {text} is not a date and time (YYYY-MM-DD HH:MM)</source>
        <translation>时间：{text} 不是日期时间（YYYY-MM-DD HH:MM）</translation>
    </message>
    <message>
        <location filename="../../app/services/schedule_times.py" line="304"/>
        <source>Date: {text} is not a date (YYYY-MM-DD)</source>
        <translation>日期：{text} 不是日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../../app/services/schedule_times.py" line="305"/>
        <source>Days: {text} is not a weekday (0 Monday to 6 Sunday)</source>
        <translation>星期：{text} 不是星期几（0 周一至 6 周日）</translation>
    </message>
    <message>
        <location filename="../../app/services/schedule_times.py" line="306"/>
        <source>Days: choose at least one weekday</source>
        <translation>星期：请至少选择一天</translation>
    </message>
    <message>
        <location filename="../../app/services/schedule_times.py" line="307"/>
        <source>Day: the day of the month must be 1 to {last}, not {day}</source>
        <translation>日：每月的日期须为 1 至 {last}，而不是 {day}</translation>
    </message>
    <message>
        <location filename="../../app/services/schedule_times.py" line="310"/>
        <source>End: the window ends where it starts ({start}); it would never be inside</source>
        <translation>结束：时段的结束与开始相同（{start}），永远不会处于时段内</translation>
    </message>
    <message>
        <location filename="../../app/services/schedule_times.py" line="313"/>
        <source>Last day: the schedule ends ({last}) before it starts ({first})</source>
        <translation>最后一天：计划的结束日期（{last}）早于开始日期（{first}）</translation>
    </message>
    <message>
        <location filename="../../app/services/schedules.py" line="51"/>
        <source>Name: a schedule needs a name</source>
        <translation>名称：计划需要一个名称</translation>
    </message>
    <message>
        <location filename="../../app/services/schedules.py" line="52"/>
        <source>Command: {command} is not a command a schedule runs</source>
        <translation>命令：{command} 不是计划任务可执行的命令</translation>
    </message>
    <message>
        <location filename="../../app/services/schedules.py" line="53"/>
        <source>End command: the window would end with its own start command ({command})</source>
        <translation>结束命令：时段结束时不能再执行开始命令（{command}）</translation>
    </message>
    <message>
        <location filename="../../app/services/schedules.py" line="56"/>
        <source>Meters: not a meter selection this program knows</source>
        <translation>电表：无法识别的电表选择方式</translation>
    </message>
    <message>
        <location filename="../../app/services/schedules.py" line="57"/>
        <source>Meters: the selection holds no meters</source>
        <translation>电表：所选范围内没有电表</translation>
    </message>
    <message>
        <location filename="../../app/services/schedules.py" line="58"/>
        <source>Time: {at} has already passed</source>
        <translation>时间：{at} 已经过去</translation>
    </message>
    <message>
        <location filename="../../app/services/schedules.py" line="59"/>
        <source>Last day: the schedule would never run again</source>
        <translation>最后一天：该计划将不会再执行</translation>
    </message>
    <message>
        <location filename="../../app/services/schedules.py" line="60"/>
        <source>schedule {schedule_id} does not exist</source>
        <translation>计划 {schedule_id} 不存在</translation>
    </message>
    <message>
        <location filename="../../app/services/schedules.py" line="288"/>
        <source>Meters: there is no meter numbered {number}</source>
        <translation>电表：没有编号为 {number} 的电表</translation>
    </message>
    <message>
        <location filename="../../app/services/downloads.py" line="48"/>
        <source>meter {meter} has no tariff assigned</source>
        <translation>电表 {meter} 未分配电价</translation>
    </message>
    <message>
        <location filename="../../app/services/downloads.py" line="49"/>
        <source>meter {meter} read back other parameters than were sent: not accepted</source>
        <translation>电表 {meter} 回读的参数与下发的不同：不予接受</translation>
    </message>
    <message>
        <location filename="../../app/services/downloads.py" line="52"/>
        <source>meter {meter}: an overload threshold of {watts} W does not fit this meter</source>
        <translation>电表 {meter}：过载阈值 {watts} W 超出此表范围</translation>
    </message>
    <message>
        <location filename="../../app/services/downloads.py" line="55"/>
        <source>None of these meters can take a price or settings download</source>
        <translation>这些电表都不支持电价下发或参数下发</translation>
    </message>
    <message>
        <location filename="../../app/services/downloads.py" line="58"/>
        <source>prices, time segments and ladder downloaded and confirmed (version {version})</source>
        <translation>电价、时段和阶梯已下发并确认（第 {version} 版）</translation>
    </message>
    <message>
        <location filename="../../app/services/downloads.py" line="61"/>
        <source>prices downloaded and confirmed (version {version}); the time segments are kept by the meter&apos;s own time-of-use table</source>
        <translation>电价已下发并确认（第 {version} 版）；时段沿用电表自身的分时表</translation>
    </message>
    <message>
        <location filename="../../app/services/downloads.py" line="66"/>
        <source>alarm 1 {alarm1}, alarm 2 {alarm2} and overload {overload} W downloaded and confirmed</source>
        <translation>报警1 {alarm1}、报警2 {alarm2} 和过载 {overload} W 已下发并确认</translation>
    </message>
    <message>
        <location filename="../../app/services/downloads.py" line="70"/>
        <source>alarm 1 {alarm1} and alarm 2 {alarm2} downloaded and confirmed; this meter has no overload setting</source>
        <translation>报警1 {alarm1}、报警2 {alarm2} 已下发并确认；此表没有过载设置</translation>
    </message>
    <message>
        <location filename="../../app/services/tariff_cost.py" line="31"/>
        <source>Hour {hour}: {text} is not an amount of kWh (0 or more, at most 3 decimals)</source>
        <translation>第 {hour} 小时：{text} 不是有效电量（不小于 0，最多 3 位小数）</translation>
    </message>
    <message>
        <location filename="../../app/services/tariff_cost.py" line="34"/>
        <source>Used this month: {text} is not an amount of kWh (0 or more, at most 2 decimals)</source>
        <translation>本月已用：{text} 不是有效电量（不小于 0，最多 2 位小数）</translation>
    </message>
    <message>
        <location filename="../../app/services/tariff_cost.py" line="37"/>
        <source>Give 24 hourly amounts of kWh (there are {count})</source>
        <translation>请输入 24 个每小时电量（现有 {count} 个）</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="56"/>
        <source>Name: give the tariff a name</source>
        <translation>名称：请为电价命名</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="57"/>
        <source>Name: a tariff named {name} already exists</source>
        <translation>名称：已有名为 {name} 的电价</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="58"/>
        <source>Kind: {kind} is not flat, time-of-use or ladder</source>
        <translation>类型：{kind} 不是单一、分时或阶梯电价</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="59"/>
        <source>{what}: {text} is not a price in yuan per kWh (for example 0.8500)</source>
        <translation>{what}：{text} 不是以元/kWh 计的电价（例如 0.8500）</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="62"/>
        <source>{what}: the price must be more than 0</source>
        <translation>{what}：电价必须大于 0</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="63"/>
        <source>{what}: {text} has more than 4 decimals (the meter counts 0.0001 yuan per kWh)</source>
        <translation>{what}：{text} 超过 4 位小数（电表以 0.0001 元/kWh 计）</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="66"/>
        <source>{what}: {text} is more than a meter can hold</source>
        <translation>{what}：{text} 超出电表可保存的范围</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="67"/>
        <source>Time segments: give at least one segment</source>
        <translation>时段：请至少设置一个时段</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="68"/>
        <source>Time segments: at most 8 segments a day (there are {count})</source>
        <translation>时段：每天最多 8 个时段（现有 {count} 个）</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="71"/>
        <source>Time segments: {start}–{end} does not end after it starts</source>
        <translation>时段：{start}–{end} 的结束时间不晚于开始时间</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="74"/>
        <source>Time segments: {start}–{end} ends after 24:00</source>
        <translation>时段：{start}–{end} 结束于 24:00 之后</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="75"/>
        <source>Time segments: two segments start at {start}</source>
        <translation>时段：有两个时段都从 {start} 开始</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="76"/>
        <source>Time segments: {first} and {second} overlap</source>
        <translation>时段：{first} 与 {second} 重叠</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="77"/>
        <source>Time segments: nothing covers {start}–{end}</source>
        <translation>时段：{start}–{end} 没有时段覆盖</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="78"/>
        <source>Time segments: {text} is not a time of day (HH:MM)</source>
        <translation>时段：{text} 不是有效时间（时:分）</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="79"/>
        <source>Time segments: {start}–{end} has no rate</source>
        <translation>时段：{start}–{end} 没有费率</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="80"/>
        <source>Ladder: give at least one step</source>
        <translation>阶梯电价：请至少设置一档</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="81"/>
        <source>Ladder: at most 3 steps (there are {count})</source>
        <translation>阶梯电价：最多 3 档（现有 {count} 档）</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="82"/>
        <source>Ladder step {step}: {text} is not an amount of kWh above 0 (at most 2 decimals)</source>
        <translation>阶梯第 {step} 档：{text} 不是大于 0 的电量（最多 2 位小数）</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="85"/>
        <source>Ladder step {step}: {kwh} kWh must be above the step before ({previous} kWh)</source>
        <translation>阶梯第 {step} 档：{kwh} kWh 必须高于上一档（{previous} kWh）</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="88"/>
        <source>Tariff {name} is archived: it cannot be changed or assigned</source>
        <translation>电价 {name} 已停用：不能修改或分配</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="91"/>
        <source>Choose at least one meter</source>
        <translation>请至少选择一块电表</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="92"/>
        <source>No tariff {name}</source>
        <translation>没有电价 {name}</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="48"/>
        <source>a batch needs at least one meter: nothing was sent</source>
        <translation>批量操作至少需要一块电表：未发送任何命令</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="49"/>
        <source>there is no batch {batch}</source>
        <translation>没有批次 {batch}</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="50"/>
        <source>batch {batch} has no failed meters that can be retried</source>
        <translation>批次 {batch} 没有可重试的失败电表</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="51"/>
        <source>there is no meter {meter}: nothing was sent</source>
        <translation>没有电表 {meter}：未发送任何命令</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="52"/>
        <source>unknown command {command}</source>
        <translation>未知命令 {command}</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="53"/>
        <source>no bus is served in this process: start the site first</source>
        <translation>本进程未服务任何总线：请先启动站点</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="54"/>
        <source>the bus stopped before the command was sent: nothing was done</source>
        <translation>命令发送前总线已停止：未执行任何操作</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="57"/>
        <source>confirmed: the relay is open (no power)</source>
        <translation>已确认：继电器断开（断电）</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="58"/>
        <source>confirmed: the relay is closed (power on)</source>
        <translation>已确认：继电器闭合（供电）</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="59"/>
        <source>confirmed: power is kept on</source>
        <translation>已确认：保电已开启</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="60"/>
        <source>confirmed: prepaid control is restored</source>
        <translation>已确认：已恢复预付费控制</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="61"/>
        <source>confirmed: prepaid mode is on</source>
        <translation>已确认：预付费模式已开启</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="62"/>
        <source>confirmed: prepaid mode is off</source>
        <translation>已确认：预付费模式已关闭</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="63"/>
        <source>confirmed by reading the parameters back</source>
        <translation>已回读参数确认</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="64"/>
        <source>{count} tenants still have credit and lose power anyway: {names}</source>
        <translation>{count} 位租户仍有余额，但仍将断电：{names}</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="67"/>
        <source>{count} meters are in arrears: keeping the power on lets the debt grow: {names}</source>
        <translation>{count} 块电表已欠费：保电将使欠费继续增加：{names}</translation>
    </message>
    <message>
        <location filename="../../app/services/batches.py" line="70"/>
        <source>{count} meters cannot do {what} and are not sent anything: {names}</source>
        <translation>{count} 块电表不能{what}，不会向其发送命令：{names}</translation>
    </message>
    <message>
        <location filename="../../app/services/xlsx_export.py" line="41"/>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/services/xlsx_export.py" line="42"/>
        <source>export cancelled: no file was written</source>
        <translation>导出已取消：未写入任何文件</translation>
    </message>
    <message>
        <location filename="../../app/cli/simulate_phones.py" line="44"/>
        <source>the site in {path} has no simulated GSM modem</source>
        <translation>{path} 中的站点没有模拟短信猫</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/gsm_modem.py" line="34"/>
        <source>the GSM modem on {port} does not answer</source>
        <translation>{port} 上的短信猫没有应答</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/gsm_modem.py" line="35"/>
        <source>cannot open the GSM modem port {port}: {reason}</source>
        <translation>无法打开短信猫端口 {port}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/gsm_modem.py" line="36"/>
        <source>there is no SIM card in the GSM modem</source>
        <translation>短信猫中没有 SIM 卡</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/gsm_modem.py" line="37"/>
        <source>the SIM card asks for a PIN: set modem.pin</source>
        <translation>SIM 卡需要 PIN 码：请设置 modem.pin</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/gsm_modem.py" line="38"/>
        <source>the SIM card refused the PIN in modem.pin</source>
        <translation>SIM 卡拒绝了 modem.pin 中的 PIN 码</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/gsm_modem.py" line="39"/>
        <source>the SIM card is blocked: it needs its PUK</source>
        <translation>SIM 卡已锁定：需要 PUK 码</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/gsm_modem.py" line="40"/>
        <source>the GSM modem is not registered on a network ({reg})</source>
        <translation>短信猫未注册到移动网络（{reg}）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/gsm_modem.py" line="41"/>
        <source>the mobile network refused the SIM card</source>
        <translation>移动网络拒绝了该 SIM 卡</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/gsm_modem.py" line="42"/>
        <source>the GSM modem refused {command} ({error})</source>
        <translation>短信猫拒绝了 {command}（{error}）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/gsm_modem.py" line="43"/>
        <source>the SMS was not sent: +CMS ERROR {code} ({reason})</source>
        <translation>短信未发出：+CMS ERROR {code}（{reason}）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/gsm_modem.py" line="44"/>
        <source>the GSM modem gave no &apos;&gt;&apos; prompt for the SMS</source>
        <translation>短信猫没有给出发送短信的“&gt;”提示符</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/gsm_modem.py" line="45"/>
        <source>the GSM modem takes neither PDU nor text mode SMS</source>
        <translation>短信猫既不支持 PDU 模式也不支持文本模式短信</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="69"/>
        <source>the note is longer than {max} characters</source>
        <translation>备注超过 {max} 个字符</translation>
    </message>
    <message>
        <location filename="../../app/services/backup.py" line="47"/>
        <source>the backup to {folder} failed: {reason}</source>
        <translation>备份到 {folder} 失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/services/credit_forecast.py" line="31"/>
        <source>too little history to tell</source>
        <translation>历史数据太少，无法估算</translation>
    </message>
    <message>
        <location filename="../../app/services/credit_forecast.py" line="32"/>
        <source>no use in the last 7 days</source>
        <translation>近 7 天没有用电</translation>
    </message>
    <message>
        <location filename="../../app/services/credit_forecast.py" line="33"/>
        <source>no tariff known for the meter</source>
        <translation>不知道该电表的电价</translation>
    </message>
    <message>
        <location filename="../../app/services/credit_forecast.py" line="34"/>
        <source>the meter&apos;s balance is not known yet</source>
        <translation>尚不知道该电表的余额</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/closing.py" line="29"/>
        <source>{name} may count only their own drawer, not {other}&apos;s</source>
        <translation>{name} 只能清点自己的钱箱，不能清点 {other} 的</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/closing.py" line="32"/>
        <source>the cash counted cannot be less than 0</source>
        <translation>清点的现金不能小于 0</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/closing.py" line="33"/>
        <source>the shift must end after it starts</source>
        <translation>班次的结束时间必须晚于开始时间</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/period.py" line="11"/>
        <source>the period ends ({to}) before it starts ({start})</source>
        <translation>时段的结束日期（{to}）早于开始日期（{start}）</translation>
    </message>
    <message>
        <location filename="../../app/services/restore.py" line="45"/>
        <source>{path} is not a backup: it must be a backup folder holding site.db and master.key</source>
        <translation>{path} 不是备份：备份应是包含 site.db 和 master.key 的文件夹</translation>
    </message>
    <message>
        <location filename="../../app/services/restore.py" line="48"/>
        <source>the backup {path} is damaged or was changed: {file} differs from when the backup was made; nothing was restored</source>
        <translation>备份 {path} 已损坏或被改动：{file} 与备份时不一致；未恢复任何内容</translation>
    </message>
    <message>
        <location filename="../../app/services/restore.py" line="53"/>
        <source>the backup {path} fails the check ({count} problem(s), first: {first}); nothing was restored</source>
        <translation>备份 {path} 未通过校验（{count} 个问题，第一个：{first}）；未恢复任何内容</translation>
    </message>
    <message>
        <location filename="../../app/services/restore.py" line="57"/>
        <source>the site is in use ({users}): close the program&apos;s windows and stop the collector on this site, then restore again; nothing was restored</source>
        <translation>站点正在使用中（{users}）：请关闭本站点的程序窗口并停止采集服务后再恢复；未恢复任何内容</translation>
    </message>
    <message>
        <location filename="../../app/services/restore.py" line="62"/>
        <source>another program still has the site database open; close it and restore again; nothing was restored</source>
        <translation>仍有其他程序打开着站点数据库；请关闭后再恢复；未恢复任何内容</translation>
    </message>
    <message>
        <location filename="../../app/services/sms_outbox.py" line="49"/>
        <source>not sent: the alarm ended before it could go</source>
        <translation>未发送：报警在发送前已结束</translation>
    </message>
    <message>
        <location filename="../../app/services/sms_outbox.py" line="50"/>
        <source>gave up after {attempts} tries: {error}</source>
        <translation>尝试 {attempts} 次后放弃：{error}</translation>
    </message>
    <message>
        <location filename="../../app/services/sms_settings.py" line="15"/>
        <source>{key}: a time of day as HH:MM, such as 22:00</source>
        <translation>{key}：请输入 HH:MM 格式的时间，例如 22:00</translation>
    </message>
    <message>
        <location filename="../../app/services/sms_text.py" line="62"/>
        <source>SMS text: unknown field {{{field}}}; use {fields}</source>
        <translation>短信内容：未知字段 {{{field}}}；可用字段：{fields}</translation>
    </message>
    <message>
        <location filename="../../app/services/sms_text.py" line="63"/>
        <source>SMS text: a brace without its pair</source>
        <translation>短信内容：有不成对的花括号</translation>
    </message>
    <message>
        <location filename="../../app/services/sms_text.py" line="64"/>
        <source>SMS text: it must not be empty</source>
        <translation>短信内容：不能为空</translation>
    </message>
    <message>
        <location filename="../../app/cli/kiosk.py" line="26"/>
        <source>the kiosk has no exit PIN yet: an administrator sets one in System settings, Kiosk</source>
        <translation>查询机尚未设置退出密码：请管理员在“系统设置 → 查询机”中设置</translation>
    </message>
    <message>
        <location filename="../../app/services/kiosk_exit.py" line="23"/>
        <source>The kiosk&apos;s exit PIN: 6 to 12 digits</source>
        <translation>查询机退出密码：6 至 12 位数字</translation>
    </message>
    <message>
        <location filename="../../app/services/tenant_access.py" line="47"/>
        <source>wrong account number or PIN</source>
        <translation>账号或密码错误</translation>
    </message>
    <message>
        <location filename="../../app/services/tenant_access.py" line="55"/>
        <source>too many wrong PINs: try again in {minutes} min</source>
        <translation>密码错误次数过多：请 {minutes} 分钟后再试</translation>
    </message>
    <message>
        <location filename="../../app/services/tenant_rules.py" line="21"/>
        <source>switching by tenants is turned off at this site</source>
        <translation>本站未开放租户自助通断电</translation>
    </message>
    <message>
        <location filename="../../app/services/tenant_rules.py" line="22"/>
        <source>this meter cannot be switched remotely</source>
        <translation>此电表不支持远程通断电</translation>
    </message>
    <message>
        <location filename="../../app/services/tenant_rules.py" line="23"/>
        <source>the meter is not answering now</source>
        <translation>电表当前无应答</translation>
    </message>
    <message>
        <location filename="../../app/services/tenant_rules.py" line="24"/>
        <source>the power is already off</source>
        <translation>已经断电</translation>
    </message>
    <message>
        <location filename="../../app/services/tenant_rules.py" line="25"/>
        <source>the power is already on</source>
        <translation>已经通电</translation>
    </message>
    <message>
        <location filename="../../app/services/tenant_rules.py" line="26"/>
        <source>the management office switched the power off: please ask them to switch it on</source>
        <translation>电已由管理处断开：请联系管理处合闸</translation>
    </message>
    <message>
        <location filename="../../app/services/tenant_rules.py" line="29"/>
        <source>the meter is in arrears: recharge first</source>
        <translation>电表已欠费：请先充值</translation>
    </message>
    <message>
        <location filename="../../app/services/tenant_view.py" line="32"/>
        <source>there is no meter {meter} among yours</source>
        <translation>您名下没有电表 {meter}</translation>
    </message>
    <message>
        <location filename="../../app/services/tenant_view.py" line="33"/>
        <source>read only: the collection service is not running, balances may be old and the power cannot be switched</source>
        <translation>只读：采集服务未运行，余额可能不是最新，暂不能通断电</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/credentials.py" line="57"/>
        <source>the payment credentials in {path} cannot be read with this site&apos;s master key (another site&apos;s file, or damaged): enter them again</source>
        <translation>{path} 中的支付凭据无法用本站主密钥读取（其他站点的文件或已损坏）：请重新输入</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/credentials.py" line="62"/>
        <source>cannot write the payment credentials {path}: {reason}</source>
        <translation>无法写入支付凭据 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/credentials.py" line="63"/>
        <source>no such payment provider: {provider}</source>
        <translation>没有此支付渠道：{provider}</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/credentials.py" line="64"/>
        <source>the WeChat Pay API v3 key is 32 characters</source>
        <translation>微信支付 API v3 密钥为 32 个字符</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/crediting.py" line="44"/>
        <source>order {order} is no longer to be credited</source>
        <translation>订单 {order} 已不再充值</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/crediting.py" line="45"/>
        <source>not credited within {seconds} s</source>
        <translation>{seconds} 秒内未能充值</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/crediting.py" line="46"/>
        <source>the account of this meter is closed</source>
        <translation>此电表的账户已销户</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/orders.py" line="33"/>
        <source>online purchase is not enabled</source>
        <translation>未开通在线购电</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/orders.py" line="34"/>
        <source>{provider} is not offered</source>
        <translation>不提供 {provider} 支付</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/orders.py" line="35"/>
        <source>the smallest online purchase is {limit}</source>
        <translation>在线购电最少 {limit}</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/orders.py" line="36"/>
        <source>the largest online purchase is {limit}</source>
        <translation>在线购电最多 {limit}</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/orders.py" line="37"/>
        <source>this meter has no open account of yours</source>
        <translation>此电表没有您的在用账户</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/orders.py" line="38"/>
        <source>unknown channel {channel}</source>
        <translation>未知渠道 {channel}</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/orders.py" line="39"/>
        <source>paid {paid} for an order of {amount}</source>
        <translation>订单金额 {amount}，实付 {paid}</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/orders.py" line="40"/>
        <source>the payment provider refused: {error}</source>
        <translation>支付机构拒绝：{error}</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile.py" line="48"/>
        <source>the {provider} statement could not be read: {reason}</source>
        <translation>无法读取 {provider} 对账单：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/registry.py" line="18"/>
        <source>the payment provider {provider} is not set up</source>
        <translation>支付机构 {provider} 未配置</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="42"/>
        <source>amounts offered: yuan separated by commas, e.g. 50,100</source>
        <translation>可选金额：以逗号分隔的元数，例如 50,100</translation>
    </message>
    <message>
        <location filename="../../app/models/pg.py" line="45"/>
        <source>cannot reach the database server {where} ({reason}): check the network and that the server runs; no money operation is possible until it answers</source>
        <translation>无法连接数据库服务器 {where}（{reason}）：请检查网络以及服务器是否在运行；在服务器应答之前不能进行任何资金操作</translation>
    </message>
    <message>
        <location filename="../../app/models/pg.py" line="50"/>
        <source>no site in the PostgreSQL database {where} (it is empty): make one there with init-site --db URL, or move a site there with migrate-db --to URL</source>
        <translation>PostgreSQL 数据库 {where} 中没有站点（数据库为空）：用 init-site --db URL 在其中新建站点，或用 migrate-db --to URL 把站点迁移过去</translation>
    </message>
    <message>
        <location filename="../../app/models/pg.py" line="55"/>
        <source>this site&apos;s database is on the PostgreSQL server {where}: back it up and restore it with the server&apos;s own tools (pg_dump, pg_restore), and keep a copy of the key files of {folder}</source>
        <translation>本站点的数据库在 PostgreSQL 服务器 {where} 上：请用服务器自带的工具（pg_dump、pg_restore）备份和恢复，并保留 {folder} 中密钥文件的副本</translation>
    </message>
    <message>
        <location filename="../../app/models/pg.py" line="60"/>
        <source>the PostgreSQL database {where} is not a site database and not empty: check --db</source>
        <translation>PostgreSQL 数据库 {where} 不是站点数据库，也不是空库：请检查 --db</translation>
    </message>
    <message>
        <location filename="../../app/services/move_site.py" line="45"/>
        <source>{url} is not a PostgreSQL address: --to needs postgresql://USER@HOST/DATABASE</source>
        <translation>{url} 不是 PostgreSQL 地址：--to 需要 postgresql://用户@主机/数据库</translation>
    </message>
    <message>
        <location filename="../../app/services/move_site.py" line="48"/>
        <source>the site in {folder} is on the PostgreSQL server {where} already: nothing to move</source>
        <translation>{folder} 中的站点已在 PostgreSQL 服务器 {where} 上：无需迁移</translation>
    </message>
    <message>
        <location filename="../../app/services/move_site.py" line="51"/>
        <source>the site is in use ({users}): close the program&apos;s windows and stop the collector on this site, then move it again; nothing was moved</source>
        <translation>站点正在使用中（{users}）：请关闭本程序在该站点上的窗口并停止集抄服务，然后重新迁移；未迁移任何数据</translation>
    </message>
    <message>
        <location filename="../../app/services/move_site.py" line="56"/>
        <source>the PostgreSQL database {where} is not empty ({count} table(s), first: {table}): a site moves only into an empty database (make one with CREATE DATABASE); nothing was moved</source>
        <translation>PostgreSQL 数据库 {where} 不是空的（{count} 个表，第一个：{table}）：站点只能迁入空数据库（用 CREATE DATABASE 新建一个）；未迁移任何数据</translation>
    </message>
    <message>
        <location filename="../../app/services/move_site.py" line="61"/>
        <source>the site database and the server&apos;s schema differ ({detail}): nothing was moved</source>
        <translation>站点数据库与服务器的表结构不一致（{detail}）：未迁移任何数据</translation>
    </message>
    <message>
        <location filename="../../app/services/move_site.py" line="65"/>
        <source>copying the table {table} to {where} failed ({reason}): the server&apos;s database was left empty and the site stays in {file}</source>
        <translation>复制表 {table} 到 {where} 失败（{reason}）：服务器上的数据库保持为空，站点仍在 {file} 中</translation>
    </message>
    <message>
        <location filename="../../app/services/move_site.py" line="70"/>
        <source>the copy on {where} does not check out ({count} problem(s), first: {first}): the server&apos;s database was left empty and the site stays in {file}</source>
        <translation>{where} 上的副本校验未通过（{count} 个问题，第一个：{first}）：服务器上的数据库保持为空，站点仍在 {file} 中</translation>
    </message>
</context>
<context>
    <name>ExitPage</name>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="165"/>
        <source>Staff only: close the kiosk</source>
        <translation>仅限管理员：关闭自助查询机</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="166"/>
        <source>The kiosk&apos;s exit PIN</source>
        <translation>查询机退出密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="167"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="168"/>
        <source>Close the kiosk</source>
        <translation>关闭查询机</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../app/ui/support/export_runner.py" line="67"/>
        <source>Writing {0}…</source>
        <translation>正在写入 {0}…</translation>
    </message>
    <message>
        <location filename="../../app/ui/support/export_runner.py" line="95"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../app/ui/support/export_runner.py" line="110"/>
        <source>Writing {0}: {1} rows…</source>
        <translation>正在写入 {0}：已写 {1} 行…</translation>
    </message>
    <message>
        <location filename="../../app/ui/support/export_runner.py" line="120"/>
        <source>{0} rows written to {1}</source>
        <translation>已将 {0} 行写入 {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/support/export_runner.py" line="123"/>
        <source>Cancelled: no file was written.</source>
        <translation>已取消：未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../app/ui/support/export_runner.py" line="127"/>
        <source>The export failed: {0}</source>
        <translation>导出失败：{0}</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../app/ui/grid/filter_bar.py" line="61"/>
        <location filename="../../app/ui/grid/filter_bar.py" line="156"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/filter_bar.py" line="62"/>
        <source>Needs attention</source>
        <translation>需关注</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/filter_bar.py" line="68"/>
        <source>Meter, tenant, location or address</source>
        <translation>表号、租户、位置或地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/filter_bar.py" line="78"/>
        <source>Opened meters whose credit runs out soon</source>
        <translation>余额即将用完的已开户电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/filter_bar.py" line="86"/>
        <source>Building:</source>
        <translation>楼宇：</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/filter_bar.py" line="88"/>
        <source>Bus:</source>
        <translation>总线：</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/filter_bar.py" line="90"/>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/filter_bar.py" line="93"/>
        <source>Search:</source>
        <translation>搜索：</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/filter_bar.py" line="115"/>
        <source>All buildings</source>
        <translation>全部楼宇</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/filter_bar.py" line="118"/>
        <source>All buses</source>
        <translation>全部总线</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/filter_bar.py" line="158"/>
        <source>No state</source>
        <translation>未选状态</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/grid/filter_bar.py" line="166"/>
        <source>Runs out within %n day(s)</source>
        <translation>
            <numerusform>%n 天内用完</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/filter_bar.py" line="183"/>
        <source>{0} of {1} meters</source>
        <translation>{0} / {1} 块电表</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="155"/>
        <source>First start: administrator</source>
        <translation>首次启动：设置管理员</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="160"/>
        <source>Login name:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="161"/>
        <source>Display name:</source>
        <translation>显示名称：</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="165"/>
        <source>No operator exists yet. Choose the administrator&apos;s password; the administrator then creates the other operators.</source>
        <translation>系统中还没有操作员。请设置管理员密码，之后由管理员创建其他操作员。</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <location filename="../../app/ui/shell/first_start.py" line="26"/>
        <source>There is no site database at:

{path}

Create a new, empty site in {folder}?</source>
        <translation>以下位置没有站点数据库：

{path}

要在 {folder} 中新建一个空站点吗？</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/first_start.py" line="36"/>
        <source>If this PC already had a site, choose Cancel: check the folder given with --data-dir, or restore site.db and master.key from the backup.</source>
        <translation>如果这台电脑原来已有站点，请选择“取消”：检查 --data-dir 指定的文件夹，或从备份恢复 site.db 和 master.key。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/first_start.py" line="55"/>
        <source>A new site was created in {folder}.

Keep a copy of the master key {key} with your backups: the meters accept commands made with this key only.</source>
        <translation>已在 {folder} 中建立新站点。

请把主密钥 {key} 与备份一起保存：电表只接受用此密钥生成的命令。</translation>
    </message>
</context>
<context>
    <name>GatewayPage</name>
    <message>
        <location filename="../../app/ui/settings/gateway_page.py" line="27"/>
        <location filename="../../app/ui/settings/gateway_page.py" line="46"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/gateway_page.py" line="28"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/gateway_page.py" line="29"/>
        <location filename="../../app/ui/settings/gateway_page.py" line="51"/>
        <source>Serial ports</source>
        <translation>串口数</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/gateway_page.py" line="31"/>
        <source>TCP ports</source>
        <translation>TCP 端口</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/gateway_page.py" line="34"/>
        <location filename="../../app/ui/settings/gateway_page.py" line="60"/>
        <source>Building</source>
        <translation>楼宇</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/gateway_page.py" line="35"/>
        <source>Meters</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/gateway_page.py" line="42"/>
        <source>New gateway</source>
        <translation>新建通讯管理机</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/gateway_page.py" line="42"/>
        <source>Gateway %1</source>
        <translation>通讯管理机 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/gateway_page.py" line="48"/>
        <source>Host or IP address</source>
        <translation>主机名或 IP 地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/gateway_page.py" line="55"/>
        <source>TCP port of serial port 1</source>
        <translation>串口 1 的 TCP 端口</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/gateway_page.py" line="60"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/gateway_page.py" line="64"/>
        <source>Meter family of new buses</source>
        <translation>新总线的电表类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/gateway_page.py" line="66"/>
        <source>New buses start with this family&apos;s line settings</source>
        <translation>新总线采用该类型的通讯参数</translation>
    </message>
</context>
<context>
    <name>GridState</name>
    <message>
        <location filename="../../app/ui/support/colors.py" line="29"/>
        <source>Not opened</source>
        <translation>未开户</translation>
    </message>
    <message>
        <location filename="../../app/ui/support/colors.py" line="31"/>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../app/ui/support/colors.py" line="32"/>
        <source>Alarm 1</source>
        <translation>报警1</translation>
    </message>
    <message>
        <location filename="../../app/ui/support/colors.py" line="33"/>
        <source>Alarm 2</source>
        <translation>报警2</translation>
    </message>
    <message>
        <location filename="../../app/ui/support/colors.py" line="34"/>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <location filename="../../app/ui/support/colors.py" line="36"/>
        <source>Offline</source>
        <translation>失联</translation>
    </message>
    <message>
        <location filename="../../app/ui/support/colors.py" line="39"/>
        <source>Waiting for first answer</source>
        <translation>等待首次应答</translation>
    </message>
    <message>
        <location filename="../../app/ui/support/colors.py" line="43"/>
        <source>Metering</source>
        <translation>仅计量</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="64"/>
        <source>new: {key}</source>
        <translation>新增：{key}</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="68"/>
        <source>changed: {key}</source>
        <translation>修改：{key}</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="79"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="80"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="81"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="82"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="106"/>
        <location filename="../../app/ui/settings/import_dialog.py" line="148"/>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="110"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="113"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="120"/>
        <source>Choose an Excel file made from the template.</source>
        <translation>请选择按模板填写的 Excel 文件。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="132"/>
        <source>Apply</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="148"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="158"/>
        <source>Reading and checking the file…</source>
        <translation>正在读取并检查文件…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/settings/import_dialog.py" line="178"/>
        <source>%n problem(s): correct the file and choose it again.</source>
        <translation>
            <numerusform>%n 个问题：请修改文件后重新选择。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="182"/>
        <source>Nothing to change: the site matches the file.</source>
        <translation>无需修改：站点配置与文件一致。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="187"/>
        <source>No problems: {new} new, {changed} changed. Apply writes them all.</source>
        <translation>没有问题：新增 {new} 项，修改 {changed} 项。点击导入将全部写入。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="203"/>
        <source>Writing…</source>
        <translation>正在写入…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="216"/>
        <source>Written: {new} new, {changed} changed.</source>
        <translation>已写入：新增 {new} 项，修改 {changed} 项。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/import_dialog.py" line="219"/>
        <source>Tenants taken over: {taken} of {total}.</source>
        <translation>已接管租户：{taken}/{total}。</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../app/ui/kiosk/keypad.py" line="36"/>
        <source>⌫ Delete</source>
        <translation>⌫ 删除</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/keypad.py" line="37"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
</context>
<context>
    <name>KioskLists</name>
    <message>
        <location filename="../../app/ui/kiosk/lists.py" line="14"/>
        <source>Recharge</source>
        <translation>充值</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/lists.py" line="15"/>
        <source>Online recharge</source>
        <translation>在线充值</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/lists.py" line="16"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/lists.py" line="17"/>
        <source>Correction</source>
        <translation>冲正</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/lists.py" line="18"/>
        <source>Moved in (new meter)</source>
        <translation>转入（新电表）</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/lists.py" line="19"/>
        <source>Moved out (old meter)</source>
        <translation>转出（旧电表）</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/lists.py" line="51"/>
        <source>None yet.</source>
        <translation>暂无记录。</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/lists.py" line="71"/>
        <location filename="../../app/ui/kiosk/lists.py" line="90"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/lists.py" line="72"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/lists.py" line="73"/>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/lists.py" line="74"/>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/lists.py" line="75"/>
        <source>Receipt</source>
        <translation>票据号</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/lists.py" line="86"/>
        <source>To you</source>
        <translation>发给您</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/lists.py" line="87"/>
        <source>From you</source>
        <translation>您发来</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/lists.py" line="91"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/lists.py" line="92"/>
        <source>Message</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>KioskPage</name>
    <message>
        <location filename="../../app/ui/settings/kiosk_page.py" line="84"/>
        <source>The two PINs are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/kiosk_page.py" line="98"/>
        <source>Saved. A running kiosk uses it after its next start.</source>
        <translation>已保存。正在运行的查询机在下次启动后生效。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/kiosk_page.py" line="121"/>
        <source>An exit PIN is set. Type a new one to change it.</source>
        <translation>已设置退出密码。输入新密码即可更改。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/kiosk_page.py" line="123"/>
        <source>No exit PIN yet: the kiosk will not start until one is set.</source>
        <translation>尚未设置退出密码：设置之前查询机无法启动。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/kiosk_page.py" line="127"/>
        <source>Exit PIN (6 to 12 digits)</source>
        <translation>退出密码（6 至 12 位数字）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/kiosk_page.py" line="128"/>
        <source>Exit PIN again</source>
        <translation>再次输入退出密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/kiosk_page.py" line="129"/>
        <source>Back to the start screen after (s) idle</source>
        <translation>无操作多少秒后返回首页</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/kiosk_page.py" line="130"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/kiosk_page.py" line="133"/>
        <source>Kiosk</source>
        <translation>查询机</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../app/ui/kiosk/window.py" line="258"/>
        <source>Reading the meter…</source>
        <translation>正在读取电表…</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/window.py" line="263"/>
        <source>The balance was read less than a minute ago: that is what you see.</source>
        <translation>余额在一分钟内刚读取过，显示的就是最新读数。</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/window.py" line="275"/>
        <source>Switching the power on…</source>
        <translation>正在恢复供电…</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/window.py" line="275"/>
        <source>Switching the power off…</source>
        <translation>正在关闭电源…</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/window.py" line="291"/>
        <source>Your new PIN is saved. Use it next time.</source>
        <translation>新密码已保存，下次请使用新密码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/window.py" line="309"/>
        <source>Wrong PIN, or too many tries: wait five minutes.</source>
        <translation>密码错误次数过多，请五分钟后再试。</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/window.py" line="311"/>
        <source>Wrong PIN.</source>
        <translation>密码错误。</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="98"/>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="99"/>
        <source>This folder has no site yet. A few steps make one.</source>
        <translation>此文件夹中还没有站点，几步即可创建。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="102"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
</context>
<context>
    <name>LegendWidget</name>
    <message>
        <location filename="../../app/ui/grid/legend.py" line="55"/>
        <source>Legend:</source>
        <translation>图例：</translation>
    </message>
</context>
<context>
    <name>LiveBalance</name>
    <message>
        <location filename="../../app/ui/cashier/live_balance.py" line="41"/>
        <source>Read again</source>
        <translation>重新抄读</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/live_balance.py" line="56"/>
        <source>Reading the meter…</source>
        <translation>正在抄读电表…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/live_balance.py" line="78"/>
        <source>{amount} (read just now)</source>
        <translation>{amount}（刚刚抄读）</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/live_balance.py" line="85"/>
        <source>not read</source>
        <translation>未读到</translation>
    </message>
</context>
<context>
    <name>LoadCurveChart</name>
    <message>
        <location filename="../../app/ui/charts/load_chart.py" line="24"/>
        <location filename="../../app/ui/charts/load_chart.py" line="40"/>
        <source>Energy per half hour (kWh)</source>
        <translation>每半小时电量 (kWh)</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/load_chart.py" line="40"/>
        <source>Power (kW)</source>
        <translation>功率 (kW)</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/load_chart.py" line="70"/>
        <source>No readings on this day.</source>
        <translation>当天没有读数。</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/load_chart.py" line="87"/>
        <source>{0}: no readings</source>
        <translation>{0}：无读数</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/load_chart.py" line="90"/>
        <source>{0} kWh</source>
        <translation>{0} kWh</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/load_chart.py" line="92"/>
        <source>{0} kW</source>
        <translation>{0} kW</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/load_chart.py" line="97"/>
        <source>load-curve</source>
        <translation>负荷曲线</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../app/ui/auth/login_dialog.py" line="117"/>
        <source>Screen locked</source>
        <translation>屏幕已锁定</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/login_dialog.py" line="117"/>
        <location filename="../../app/ui/auth/login_dialog.py" line="122"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/login_dialog.py" line="118"/>
        <source>Language of the interface</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/login_dialog.py" line="119"/>
        <source>Login name:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/login_dialog.py" line="120"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/login_dialog.py" line="121"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/login_dialog.py" line="123"/>
        <source>Prepaid Energy Manager</source>
        <translation>预付费电能管理系统</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/login_dialog.py" line="124"/>
        <source>The screen is locked. Meters are still being read.</source>
        <translation>屏幕已锁定，电表仍在持续抄读。</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/login_dialog.py" line="146"/>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/login_dialog.py" line="154"/>
        <source>Enter your login name and password.</source>
        <translation>请输入登录名和密码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/login_dialog.py" line="179"/>
        <source>You must choose a new password to continue.</source>
        <translation>必须先设置新密码才能继续。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/auth/login_dialog.py" line="195"/>
        <source>Too many wrong passwords. The account is locked; try again in %n minute(s).</source>
        <translation>
            <numerusform>密码错误次数过多，账户已锁定，请 %n 分钟后再试。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/login_dialog.py" line="201"/>
        <source>Wrong login name or password.</source>
        <translation>登录名或密码错误。</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/login_dialog.py" line="205"/>
        <source>Login failed because of an internal error.</source>
        <translation>内部错误，登录失败。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="71"/>
        <location filename="../../app/ui/shell/main_window.py" line="179"/>
        <source>Prepaid Energy Manager</source>
        <translation>预付费电能管理系统</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="145"/>
        <source>&amp;Sales</source>
        <translation>售电(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="146"/>
        <source>&amp;Tenants</source>
        <translation>租户(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="147"/>
        <source>&amp;Maintenance</source>
        <translation>维护(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="148"/>
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="149"/>
        <source>S&amp;ystem</source>
        <translation>系统(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="150"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="363"/>
        <source>work in the background</source>
        <translation>后台任务</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="373"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="374"/>
        <source>Still in progress: {what}.</source>
        <translation>仍在进行中：{what}。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="381"/>
        <source>Quit anyway? An operation already sent to a meter is settled automatically later: do not repeat it. Better wait until it has finished.</source>
        <translation>仍要退出吗？已发送到电表的操作稍后会自动结算，请勿重复操作。最好等它完成后再退出。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="118"/>
        <location filename="../../app/ui/shell/main_window.py" line="173"/>
        <source>Grid</source>
        <translation>电表视图</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="154"/>
        <source>Tiles</source>
        <translation>方块</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="154"/>
        <source>Table</source>
        <translation>列表</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="157"/>
        <source>Meter &amp;details…</source>
        <translation>电表详情(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="160"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>Mark</name>
    <message>
        <location filename="../../app/ui/grid/marks.py" line="39"/>
        <source>T</source>
        <translation>断</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/marks.py" line="39"/>
        <source>Relay open</source>
        <translation>继电器断开</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/marks.py" line="42"/>
        <source>K</source>
        <translation>保</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/marks.py" line="42"/>
        <source>Keep power</source>
        <translation>保电</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/marks.py" line="45"/>
        <source>O</source>
        <translation>载</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/marks.py" line="45"/>
        <source>Overload trip</source>
        <translation>过载跳闸</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/marks.py" line="48"/>
        <source>!</source>
        <translation>!</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/marks.py" line="50"/>
        <source>Purchase count mismatch</source>
        <translation>购电次数不符</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/marks.py" line="53"/>
        <source>P</source>
        <translation>参</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/marks.py" line="55"/>
        <source>Parameters not in sync</source>
        <translation>参数不同步</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/marks.py" line="58"/>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/marks.py" line="58"/>
        <source>Not answering</source>
        <translation>无应答</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/marks.py" line="61"/>
        <source>A</source>
        <translation>警</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/marks.py" line="63"/>
        <source>Alarm not acknowledged</source>
        <translation>报警未确认</translation>
    </message>
</context>
<context>
    <name>MeterDetail</name>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="20"/>
        <source>sharp</source>
        <translation>尖</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="21"/>
        <source>peak</source>
        <translation>峰</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="22"/>
        <source>flat</source>
        <translation>平</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="23"/>
        <source>valley</source>
        <translation>谷</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="27"/>
        <source>relay open</source>
        <translation>继电器断开</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="28"/>
        <source>prepaid mode</source>
        <translation>预付费模式</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="29"/>
        <source>keep power</source>
        <translation>保电</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="30"/>
        <source>forced trip</source>
        <translation>强制拉闸</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="31"/>
        <source>alarm 1</source>
        <translation>报警1</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="32"/>
        <source>alarm 2</source>
        <translation>报警2</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="33"/>
        <source>arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="34"/>
        <source>overload trip</source>
        <translation>过载跳闸</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="35"/>
        <source>cover open</source>
        <translation>开盖</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="36"/>
        <source>key installed</source>
        <translation>已装密钥</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="61"/>
        <source>{0}, address {1} / circuit {2}</source>
        <translation>{0}，地址 {1} / 回路 {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="73"/>
        <source>(metering only, no account)</source>
        <translation>（仅计量，无账户）</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="74"/>
        <source>(not opened)</source>
        <translation>（未开户）</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="64"/>
        <source>{0}, address {1}</source>
        <translation>{0}，地址 {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="95"/>
        <source>(demo time, runs {0}× faster than real time)</source>
        <translation>（演示时间，比实际时间快 {0} 倍）</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="101"/>
        <source>({0} from this PC)</source>
        <translation>（与本机相差 {0}）</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="146"/>
        <source>answering</source>
        <translation>应答正常</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="148"/>
        <source>OFFLINE (not answering)</source>
        <translation>失联（无应答）</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="156"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail_values.py" line="159"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
</context>
<context>
    <name>MeterDetailDialog</name>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="54"/>
        <source>Meter {0}</source>
        <translation>电表 {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="69"/>
        <source>Live values</source>
        <translation>实时数据</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="70"/>
        <location filename="../../app/ui/meter/detail.py" line="189"/>
        <source>Communication</source>
        <translation>通讯</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="71"/>
        <source>Usage chart and recent sales will be shown here.</source>
        <translation>此处将显示用电曲线和最近的售电记录。</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/history_tab.py" line="181"/>
        <location filename="../../app/ui/meter/detail.py" line="73"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="75"/>
        <source>Read now</source>
        <translation>立即抄读</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="118"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="120"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="121"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="122"/>
        <source>Building</source>
        <translation>楼宇</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="123"/>
        <source>Bus / address</source>
        <translation>总线 / 地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="124"/>
        <source>Meter family</source>
        <translation>电表类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="125"/>
        <source>Serial number</source>
        <translation>出厂编号</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="126"/>
        <source>Phases</source>
        <translation>相数</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="127"/>
        <source>Tariff</source>
        <translation>电价方案</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="131"/>
        <source>Money</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="133"/>
        <source>Balance (yuan)</source>
        <translation>剩余金额（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="134"/>
        <source>Credit lasts</source>
        <translation>余额可用</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="135"/>
        <source>Purchase count</source>
        <translation>购电次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="136"/>
        <source>Total purchased (yuan)</source>
        <translation>累计购电（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="137"/>
        <source>Rate in force</source>
        <translation>当前费率</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="138"/>
        <source>Price (yuan/kWh)</source>
        <translation>当前电价（元/kWh）</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="142"/>
        <source>Energy (kWh)</source>
        <translation>电量（kWh）</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="144"/>
        <source>Total</source>
        <translation>总</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="145"/>
        <source>Sharp</source>
        <translation>尖</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="146"/>
        <source>Peak</source>
        <translation>峰</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="147"/>
        <source>Flat</source>
        <translation>平</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="148"/>
        <source>Valley</source>
        <translation>谷</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="152"/>
        <source>Electrical</source>
        <translation>电气参数</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="154"/>
        <source>Voltage A/B/C (V)</source>
        <translation>电压 A/B/C（V）</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="155"/>
        <source>Current A/B/C (A)</source>
        <translation>电流 A/B/C（A）</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="156"/>
        <source>Active power (kW)</source>
        <translation>有功功率（kW）</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="157"/>
        <source>Power factor</source>
        <translation>功率因数</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="158"/>
        <source>Frequency (Hz)</source>
        <translation>频率（Hz）</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="162"/>
        <source>Relay and status</source>
        <translation>继电器与状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="164"/>
        <source>Relay</source>
        <translation>继电器</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="165"/>
        <source>Status flags</source>
        <translation>状态标志</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="166"/>
        <source>Meter clock</source>
        <translation>电表时钟</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="191"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="192"/>
        <source>Answers</source>
        <translation>应答次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="193"/>
        <source>Timeouts</source>
        <translation>超时次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="194"/>
        <source>CRC errors</source>
        <translation>CRC 错误</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="195"/>
        <source>Modbus exceptions</source>
        <translation>Modbus 异常应答</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="196"/>
        <source>Missed polls in a row</source>
        <translation>连续未应答次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="197"/>
        <source>Last response</source>
        <translation>最近响应时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="198"/>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="199"/>
        <source>Last valid answer</source>
        <translation>最近有效应答</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="251"/>
        <source>Reading…</source>
        <translation>正在抄读…</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="259"/>
        <source>Poll requested.</source>
        <translation>已请求抄读。</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="267"/>
        <source>The read was cancelled.</source>
        <translation>抄读已取消。</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="281"/>
        <source>Answered at {0}</source>
        <translation>{0} 应答</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="283"/>
        <source> in {0} ms</source>
        <translation>，耗时 {0} ms</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="288"/>
        <source>No answer: {0}</source>
        <translation>无应答：{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="288"/>
        <source>timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="292"/>
        <source>Read done.</source>
        <translation>抄读完成。</translation>
    </message>
    <message>
        <location filename="../../app/ui/meter/detail.py" line="297"/>
        <source>Read failed: {0}</source>
        <translation>抄读失败：{0}</translation>
    </message>
</context>
<context>
    <name>MeterGridModel</name>
    <message>
        <location filename="../../app/ui/grid/model.py" line="279"/>
        <source>Meter</source>
        <translation>表号</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/model.py" line="280"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/model.py" line="281"/>
        <source>Building</source>
        <translation>楼宇</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/model.py" line="282"/>
        <source>Bus</source>
        <translation>总线</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/model.py" line="283"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/model.py" line="284"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/model.py" line="285"/>
        <source>Balance (yuan)</source>
        <translation>剩余金额（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/model.py" line="286"/>
        <source>Energy (kWh)</source>
        <translation>总电量（kWh）</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/model.py" line="287"/>
        <source>Power (kW)</source>
        <translation>功率（kW）</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/model.py" line="288"/>
        <source>Relay</source>
        <translation>继电器</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/model.py" line="289"/>
        <source>Last update</source>
        <translation>最近更新</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/model.py" line="290"/>
        <source>Communication</source>
        <translation>通讯</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/model.py" line="330"/>
        <source>{0}, {1}</source>
        <translation>{0}，{1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/model.py" line="337"/>
        <source>Credit lasts: {0}</source>
        <translation>余额可用：{0}</translation>
    </message>
</context>
<context>
    <name>MeterHistoryTab</name>
    <message>
        <location filename="../../app/ui/charts/history_tab.py" line="54"/>
        <source>Daily energy</source>
        <translation>每日电量</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/history_tab.py" line="55"/>
        <source>Load curve</source>
        <translation>负荷曲线</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/history_tab.py" line="57"/>
        <source>Balance and recharges</source>
        <translation>余额与充值</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/history_tab.py" line="65"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/history_tab.py" line="82"/>
        <source>Energy per half hour</source>
        <translation>每半小时电量</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/history_tab.py" line="83"/>
        <source>Power</source>
        <translation>功率</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/history_tab.py" line="88"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/history_tab.py" line="109"/>
        <source>Reading the history…</source>
        <translation>正在读取历史数据…</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/history_tab.py" line="127"/>
        <source>{0}: energy per day, last {1} days</source>
        <translation>{0}：最近 {1} 天每日电量</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/history_tab.py" line="130"/>
        <source>{0}: balance and recharges</source>
        <translation>{0}：余额与充值</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/history_tab.py" line="141"/>
        <source>Could not read the history: {0}</source>
        <translation>无法读取历史数据：{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/history_tab.py" line="149"/>
        <source>{0}: load curve of {1}</source>
        <translation>{0}：{1} 负荷曲线</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/history_tab.py" line="150"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../app/ui/charts/history_tab.py" line="158"/>
        <source>Could not read the day: {0}</source>
        <translation>无法读取当天数据：{0}</translation>
    </message>
</context>
<context>
    <name>MeterPage</name>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="38"/>
        <source>All buses</source>
        <translation>全部总线</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="40"/>
        <source>All buildings</source>
        <translation>全部楼宇</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="42"/>
        <source>Bus:</source>
        <translation>总线：</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="44"/>
        <source>Building:</source>
        <translation>楼宇：</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="79"/>
        <location filename="../../app/ui/settings/meter_page.py" line="124"/>
        <source>Number</source>
        <translation>表号</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="80"/>
        <location filename="../../app/ui/settings/meter_page.py" line="125"/>
        <source>Bus</source>
        <translation>总线</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="81"/>
        <location filename="../../app/ui/settings/meter_page.py" line="128"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="82"/>
        <source>Family</source>
        <translation>电表类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="83"/>
        <location filename="../../app/ui/settings/meter_page.py" line="138"/>
        <source>Building</source>
        <translation>楼宇</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="84"/>
        <location filename="../../app/ui/settings/meter_page.py" line="143"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="85"/>
        <source>CT/PT</source>
        <translation>CT/PT</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="86"/>
        <location filename="../../app/ui/settings/meter_page.py" line="152"/>
        <source>Alarm 1</source>
        <translation>报警1</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="87"/>
        <location filename="../../app/ui/settings/meter_page.py" line="153"/>
        <source>Alarm 2</source>
        <translation>报警2</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="88"/>
        <location filename="../../app/ui/settings/meter_page.py" line="159"/>
        <source>Overload (W)</source>
        <translation>过载（W）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="89"/>
        <location filename="../../app/ui/settings/meter_page.py" line="164"/>
        <source>Tariff</source>
        <translation>费率</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="90"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="90"/>
        <location filename="../../app/ui/settings/meter_page.py" line="167"/>
        <source>enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="90"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="102"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="102"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="118"/>
        <source>New meter</source>
        <translation>新建电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="118"/>
        <source>Meter %1</source>
        <translation>电表 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="130"/>
        <source>Meter family</source>
        <translation>电表类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="134"/>
        <source>Circuit</source>
        <translation>回路</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="139"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="146"/>
        <source>CT ratio</source>
        <translation>CT 变比</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="149"/>
        <source>PT ratio</source>
        <translation>PT 变比</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="162"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="166"/>
        <source>the site&apos;s default tariff</source>
        <translation>站点默认电价方案</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/meter_page.py" line="167"/>
        <source>Polled</source>
        <translation>采集</translation>
    </message>
</context>
<context>
    <name>MeterRecord</name>
    <message>
        <location filename="../../app/ui/grid/record.py" line="55"/>
        <source>circuit {0}</source>
        <translation>回路 {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/record.py" line="61"/>
        <source>address {0} / circuit {1}</source>
        <translation>地址 {0} / 回路 {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/record.py" line="64"/>
        <source>address {0}</source>
        <translation>地址 {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/record.py" line="189"/>
        <source>none left</source>
        <translation>已用完</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/record.py" line="191"/>
        <source>about {0} days (to {1})</source>
        <translation>约 {0} 天（至 {1}）</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/record.py" line="235"/>
        <source>Metering</source>
        <translation>仅计量</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/record.py" line="243"/>
        <source>Keep power</source>
        <translation>保电</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/record.py" line="245"/>
        <source>Closed</source>
        <translation>合闸</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/record.py" line="247"/>
        <source>Tripped</source>
        <translation>拉闸</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/record.py" line="249"/>
        <source>Open (overload)</source>
        <translation>断开（过载）</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/record.py" line="251"/>
        <source>Open (arrears)</source>
        <translation>断开（欠费）</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/record.py" line="252"/>
        <source>Open</source>
        <translation>断开</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/record.py" line="258"/>
        <source>waiting for first answer</source>
        <translation>等待首次应答</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/record.py" line="260"/>
        <source>no answer</source>
        <translation>无应答</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/record.py" line="264"/>
        <source>missed {0}</source>
        <translation>连续 {0} 次未应答</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/record.py" line="269"/>
        <source>{0} ms</source>
        <translation>{0} ms</translation>
    </message>
</context>
<context>
    <name>ModemStatusWidget</name>
    <message>
        <location filename="../../app/ui/sms/modem_status.py" line="49"/>
        <source>Modem: status unknown</source>
        <translation>短信猫：状态未知</translation>
    </message>
    <message>
        <location filename="../../app/ui/sms/modem_status.py" line="59"/>
        <source>Modem: not running</source>
        <translation>短信猫：未运行</translation>
    </message>
    <message>
        <location filename="../../app/ui/sms/modem_status.py" line="60"/>
        <source>No program on this site runs the GSM modem now.</source>
        <translation>本站点目前没有程序在运行短信猫。</translation>
    </message>
    <message>
        <location filename="../../app/ui/sms/modem_status.py" line="66"/>
        <source>home network</source>
        <translation>本地网络</translation>
    </message>
    <message>
        <location filename="../../app/ui/sms/modem_status.py" line="67"/>
        <source>roaming</source>
        <translation>漫游</translation>
    </message>
    <message>
        <location filename="../../app/ui/sms/modem_status.py" line="69"/>
        <source>Modem {signal} {registration}</source>
        <translation>短信猫 {signal} {registration}</translation>
    </message>
    <message>
        <location filename="../../app/ui/sms/modem_status.py" line="74"/>
        <source>Modem {signal} cannot send</source>
        <translation>短信猫 {signal} 无法发送</translation>
    </message>
    <message>
        <location filename="../../app/ui/sms/modem_status.py" line="77"/>
        <source>Sent {sent}, failed {failed}, received {received}</source>
        <translation>已发送 {sent}，失败 {failed}，已接收 {received}</translation>
    </message>
</context>
<context>
    <name>MoneyEdit</name>
    <message>
        <location filename="../../app/ui/widgets/money_edit.py" line="42"/>
        <source>Enter an amount, for example 100.00.</source>
        <translation>请输入金额，例如 100.00。</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/money_edit.py" line="43"/>
        <source>Use digits and at most one decimal point, for example 100.50.</source>
        <translation>只能输入数字和一个小数点，例如 100.50。</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/money_edit.py" line="46"/>
        <source>Type the amount without a sign.</source>
        <translation>金额前请勿加正负号。</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/money_edit.py" line="47"/>
        <location filename="../../app/ui/widgets/money_edit.py" line="48"/>
        <source>The amount must be more than zero.</source>
        <translation>金额必须大于零。</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/money_edit.py" line="49"/>
        <source>An amount has at most two decimals.</source>
        <translation>金额最多两位小数。</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/money_edit.py" line="50"/>
        <source>Thousands separators must make groups of three digits (1,000.00).</source>
        <translation>千位分隔符须每三位一组（如 1,000.00）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/money_edit.py" line="53"/>
        <source>The amount is too large.</source>
        <translation>金额过大。</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/money_edit.py" line="60"/>
        <source>The single-sale limit is {limit}.</source>
        <translation>单笔售电上限为 {limit}。</translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets/money_edit.py" line="119"/>
        <source>Amount in yuan, at most two decimals</source>
        <translation>金额（元），最多两位小数</translation>
    </message>
</context>
<context>
    <name>MoneyFlowDialog</name>
    <message>
        <location filename="../../app/ui/cashier/flow.py" line="117"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/flow.py" line="119"/>
        <source>Continue…</source>
        <translation>下一步…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/flow.py" line="129"/>
        <source>Please check before sending:</source>
        <translation>发送前请核对：</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/flow.py" line="139"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/flow.py" line="181"/>
        <source>Back to the form</source>
        <translation>返回修改</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/flow.py" line="185"/>
        <source>Receipt preview…</source>
        <translation>收据预览…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/flow.py" line="187"/>
        <source>Print receipt</source>
        <translation>打印收据</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/flow.py" line="189"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/flow.py" line="366"/>
        <source>The database server stopped answering during the operation. Do not repeat it: check the meter&apos;s records when the server answers again.</source>
        <translation>操作过程中数据库服务器停止应答。请勿重复操作：待服务器恢复应答后查看该电表的记录。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/flow.py" line="397"/>
        <source>Nothing was sent. Change what is needed and continue.</source>
        <translation>未发送任何指令。请修改后继续。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/live_balance.py" line="105"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/live_balance.py" line="106"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/live_balance.py" line="107"/>
        <source>Balance</source>
        <translation>剩余金额</translation>
    </message>
</context>
<context>
    <name>NextStepPage</name>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="262"/>
        <source>Meters</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="263"/>
        <source>The site is ready. How do its meters get in?</source>
        <translation>站点已就绪。如何添加电表？</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="265"/>
        <source>Choose one; the others stay in the menus.</source>
        <translation>请选择一种方式；其他方式仍可在菜单中找到。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="267"/>
        <source>Import from an Excel file</source>
        <translation>从Excel文件导入</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="268"/>
        <source>Scan a port for meters</source>
        <translation>扫描端口查找电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="269"/>
        <source>Add buses and meters by hand</source>
        <translation>手动添加总线和电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="270"/>
        <source>Later: open the empty grid</source>
        <translation>稍后：打开空的电表列表</translation>
    </message>
</context>
<context>
    <name>NextSteps</name>
    <message>
        <location filename="../../app/ui/shell/next_steps.py" line="29"/>
        <source>Not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/next_steps.py" line="30"/>
        <source>This part of the program is not installed.</source>
        <translation>程序的这一部分尚未安装。</translation>
    </message>
</context>
<context>
    <name>OnlineOrders</name>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="32"/>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="33"/>
        <source>waiting for payment</source>
        <translation>等待付款</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="34"/>
        <source>paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="35"/>
        <source>crediting</source>
        <translation>充值中</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="36"/>
        <source>credited</source>
        <translation>已充值</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="37"/>
        <source>refund pending</source>
        <translation>待退款</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="38"/>
        <source>refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="39"/>
        <source>closed unpaid</source>
        <translation>未付款已关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="48"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="49"/>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="50"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="51"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="52"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="53"/>
        <source>Paid by</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="54"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="55"/>
        <source>Receipt</source>
        <translation>收据</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="56"/>
        <source>Refund</source>
        <translation>退款单号</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="57"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>OnlineOrdersWindow</name>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="104"/>
        <source>Online orders</source>
        <translation>在线订单</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="114"/>
        <source>Only orders not finished</source>
        <translation>只看未完成的订单</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="116"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/records/online_orders_window.py" line="150"/>
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n 个订单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/records/online_orders_window.py" line="152"/>
        <source>%n refund(s) pending</source>
        <translation>
            <numerusform>%n 笔待退款</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/records/online_orders_window.py" line="161"/>
        <source>Could not read the orders: %1</source>
        <translation>无法读取订单：%1</translation>
    </message>
</context>
<context>
    <name>OpenAccountDialog</name>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="86"/>
        <source>Open account</source>
        <translation>开户</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="110"/>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="257"/>
        <source>Tenant name</source>
        <translation>租户名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="111"/>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="258"/>
        <source>Shop / room</source>
        <translation>商铺 / 房号</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="112"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="113"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="114"/>
        <source>Kiosk PIN (4-8 digits)</source>
        <translation>自助查询密码（4-8 位数字）</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="115"/>
        <source>PIN again</source>
        <translation>确认查询密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="122"/>
        <source>{meter} (offline)</source>
        <translation>{meter}（失联）</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="127"/>
        <source>The last polls had no answer from this meter.</source>
        <translation>最近几次抄读，该电表均无应答。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="136"/>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="259"/>
        <source>Meters</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="140"/>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="260"/>
        <source>Tariff</source>
        <translation>电价方案</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="145"/>
        <source>Alarm 1 below (yuan)</source>
        <translation>报警1金额（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="146"/>
        <source>Alarm 2 below (yuan)</source>
        <translation>报警2金额（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="148"/>
        <source>optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="149"/>
        <source>First sale (yuan)</source>
        <translation>首次购电（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="153"/>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="181"/>
        <source>Offline: {meters}. The last polls had no answer; opening will most likely fail there, and nothing is opened on a meter that does not answer.</source>
        <translation>失联：{meters}。最近几次抄读均无应答，在该表上开户很可能失败；无应答的电表不会开户。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="261"/>
        <source>Alarm 1 / alarm 2</source>
        <translation>报警1 / 报警2</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="266"/>
        <source>First sale</source>
        <translation>首次购电</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="271"/>
        <source>In words</source>
        <translation>大写金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="306"/>
        <source>opened</source>
        <translation>已开户</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="309"/>
        <source>, first sale {amount}: {state}</source>
        <translation>，首次购电 {amount}：{state}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="316"/>
        <source>No meter was opened; no tenant was created.</source>
        <translation>没有电表开户成功，未建立租户。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="319"/>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="321"/>
        <source>No meter was opened.</source>
        <translation>没有电表开户成功。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="324"/>
        <source>The first sale was not confirmed by the meter; it is settled automatically. Do not sell again until it is settled.</source>
        <translation>首次购电尚未得到电表确认，系统将自动核实。核实之前请勿重复售电。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="329"/>
        <source>Account opened; first sale uncertain.</source>
        <translation>已开户；首次购电待核实。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="333"/>
        <source>Some meters were not opened.</source>
        <translation>部分电表未能开户。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/open_account_dialog.py" line="334"/>
        <source>The account is open.</source>
        <translation>开户成功。</translation>
    </message>
</context>
<context>
    <name>OperatorsDialog</name>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="48"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="49"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="50"/>
        <source>Maintenance</source>
        <translation>维护员</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="166"/>
        <source>Operators</source>
        <translation>操作员管理</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="174"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="175"/>
        <location filename="../../app/ui/auth/operators_dialog.py" line="223"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="176"/>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="177"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="181"/>
        <source>Set role</source>
        <translation>设置角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="223"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
</context>
<context>
    <name>OperatorsModel</name>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="78"/>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="79"/>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="80"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="81"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="82"/>
        <source>Last login</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="87"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="89"/>
        <source>Locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="91"/>
        <source>Must change password</source>
        <translation>须修改密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="92"/>
        <source>Active</source>
        <translation>正常</translation>
    </message>
</context>
<context>
    <name>PasswordFormDialog</name>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="47"/>
        <source>Enter a password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="50"/>
        <source>The password needs at least %n characters.</source>
        <translation>密码至少需要 %n 个字符。</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="54"/>
        <source>The password must not be the login name.</source>
        <translation>密码不能与登录名相同。</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="81"/>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="82"/>
        <source>Repeat password:</source>
        <translation>确认新密码：</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="87"/>
        <source>At least %n characters, and not the login name.</source>
        <translation>至少 %n 个字符，且不能与登录名相同。</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="64"/>
        <source>Enter a login name.</source>
        <translation>请输入登录名。</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="69"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="129"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/password_dialogs.py" line="139"/>
        <source>Internal error.</source>
        <translation>内部错误。</translation>
    </message>
</context>
<context>
    <name>PaymentsPage</name>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="44"/>
        <source>Merchant id (mchid)</source>
        <translation>商户号 (mchid)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="45"/>
        <source>App id</source>
        <translation>应用 ID (AppID)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="46"/>
        <source>Merchant certificate serial number</source>
        <translation>商户证书序列号</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="47"/>
        <source>API v3 key</source>
        <translation>API v3 密钥</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="48"/>
        <source>Merchant private key (PEM)</source>
        <translation>商户私钥 (PEM)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="49"/>
        <source>Platform public key (PEM)</source>
        <translation>微信支付公钥 (PEM)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="50"/>
        <source>Platform public key id</source>
        <translation>微信支付公钥 ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="51"/>
        <source>App private key (PEM)</source>
        <translation>应用私钥 (PEM)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="52"/>
        <source>Alipay public key (PEM)</source>
        <translation>支付宝公钥 (PEM)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="53"/>
        <source>Gateway (empty: the provider&apos;s)</source>
        <translation>网关（留空：使用官方网关）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="235"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="241"/>
        <source>Saved. The payment service uses it from its next order.</source>
        <translation>已保存。支付服务从下一笔订单起使用。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="259"/>
        <source>Complete.</source>
        <translation>已填写完整。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="261"/>
        <source>Not complete: tenants cannot pay with it.</source>
        <translation>未填写完整：租户无法使用此方式支付。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="266"/>
        <source>stored; leave empty to keep</source>
        <translation>已保存；留空则保持不变</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="274"/>
        <source>Online purchase</source>
        <translation>在线充值</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="275"/>
        <location filename="../../app/ui/settings/payments_page.py" line="277"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="276"/>
        <location filename="../../app/ui/settings/payments_page.py" line="278"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="280"/>
        <source>Tenants may buy credit online</source>
        <translation>允许租户在线充值</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="281"/>
        <source>Offered</source>
        <translation>提供的支付方式</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="282"/>
        <source>Smallest purchase (yuan)</source>
        <translation>最小充值金额（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="283"/>
        <source>Largest purchase (yuan)</source>
        <translation>最大充值金额（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="284"/>
        <source>Amounts offered (yuan)</source>
        <translation>可选金额（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="285"/>
        <source>This site&apos;s public address</source>
        <translation>本站公网地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="286"/>
        <source>Test mode (sandbox or the local fakes)</source>
        <translation>测试模式（沙箱或本地模拟）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="293"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/payments_page.py" line="296"/>
        <source>Online payments</source>
        <translation>在线支付</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../app/ui/reports/common.py" line="64"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/common.py" line="65"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/common.py" line="66"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/common.py" line="67"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/common.py" line="68"/>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/common.py" line="69"/>
        <source>Chosen days</source>
        <translation>自选日期</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/common.py" line="79"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
</context>
<context>
    <name>PeriodReportWindow</name>
    <message>
        <location filename="../../app/ui/reports/common.py" line="305"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/common.py" line="312"/>
        <source>By</source>
        <translation>按</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/common.py" line="334"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
</context>
<context>
    <name>Profile</name>
    <message>
        <location filename="../../app/serial_io/profiles/acrel_adf400l.py" line="72"/>
        <source>Acrel ADF400L / ADF300L multi-circuit</source>
        <translation>安科瑞 ADF400L / ADF300L 多回路</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/acrel_adl400.py" line="39"/>
        <source>Acrel ADL400 (metering only)</source>
        <translation>安科瑞 ADL400（仅计量）</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/acrel_ddsy1352.py" line="220"/>
        <source>Acrel DDSY1352 / DTSY1352 / ADF300</source>
        <translation>安科瑞 DDSY1352 / DTSY1352 / ADF300</translation>
    </message>
    <message>
        <location filename="../../app/serial_io/profiles/default.py" line="109"/>
        <source>default (SPEC map)</source>
        <translation>默认（规范寄存器表）</translation>
    </message>
</context>
<context>
    <name>Rate</name>
    <message>
        <location filename="../../app/services/tariffs.py" line="47"/>
        <source>Sharp</source>
        <translation>尖</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="48"/>
        <source>Peak</source>
        <translation>峰</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="49"/>
        <source>Flat</source>
        <translation>平</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="50"/>
        <source>Valley</source>
        <translation>谷</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="52"/>
        <source>Price</source>
        <translation>电价</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="53"/>
        <source>Price override</source>
        <translation>单表电价</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="54"/>
        <source>Ladder price adder</source>
        <translation>阶梯加价</translation>
    </message>
</context>
<context>
    <name>ReadingsExport</name>
    <message>
        <location filename="../../app/services/readings_export.py" line="53"/>
        <source>Meter readings</source>
        <translation>抄表数据</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="54"/>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="55"/>
        <source>all meters</source>
        <translation>全部电表</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="56"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="57"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="58"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="60"/>
        <source>not opened</source>
        <translation>未开户</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="61"/>
        <source>normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="62"/>
        <source>alarm 1</source>
        <translation>报警1</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="63"/>
        <source>alarm 2</source>
        <translation>报警2</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="64"/>
        <source>arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="65"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="66"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="67"/>
        <source>metering only</source>
        <translation>仅计量</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="101"/>
        <location filename="../../app/services/readings_export.py" line="172"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="102"/>
        <location filename="../../app/services/readings_export.py" line="173"/>
        <source>Building</source>
        <translation>楼宇</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="103"/>
        <source>Bus</source>
        <translation>总线</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="104"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="105"/>
        <location filename="../../app/services/readings_export.py" line="174"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="106"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="107"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="108"/>
        <source>Last contact</source>
        <translation>最后通讯</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="109"/>
        <location filename="../../app/services/readings_export.py" line="181"/>
        <source>Balance (yuan)</source>
        <translation>剩余金额（元）</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="110"/>
        <location filename="../../app/services/readings_export.py" line="176"/>
        <source>Energy (kWh)</source>
        <translation>电量（kWh）</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="111"/>
        <location filename="../../app/services/readings_export.py" line="182"/>
        <source>Purchases</source>
        <translation>购电次数</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="112"/>
        <location filename="../../app/services/readings_export.py" line="183"/>
        <source>Power (W)</source>
        <translation>功率（W）</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="113"/>
        <source>Voltage A (V)</source>
        <translation>A相电压（V）</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="115"/>
        <source>Current A (A)</source>
        <translation>A相电流（A）</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="117"/>
        <location filename="../../app/services/readings_export.py" line="184"/>
        <source>Relay open</source>
        <translation>继电器断开</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="118"/>
        <source>Prepaid mode</source>
        <translation>预付费模式</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="119"/>
        <source>Keep power</source>
        <translation>保电</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="120"/>
        <source>Forced trip</source>
        <translation>强制拉闸</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="121"/>
        <source>Tariff</source>
        <translation>费率</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="122"/>
        <source>Parameters in sync</source>
        <translation>参数已同步</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="170"/>
        <source>Stored readings</source>
        <translation>历史抄表数据</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="175"/>
        <source>Read at</source>
        <translation>抄表时间</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="177"/>
        <source>Sharp (kWh)</source>
        <translation>尖 (kWh)</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="178"/>
        <source>Peak (kWh)</source>
        <translation>峰 (kWh)</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="179"/>
        <source>Flat (kWh)</source>
        <translation>平 (kWh)</translation>
    </message>
    <message>
        <location filename="../../app/services/readings_export.py" line="180"/>
        <source>Valley (kWh)</source>
        <translation>谷 (kWh)</translation>
    </message>
</context>
<context>
    <name>Reconcile</name>
    <message>
        <location filename="../../app/services/payments/reconcile.py" line="42"/>
        <source>paid, not credited</source>
        <translation>已付款未充值</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile.py" line="43"/>
        <source>credited, not paid</source>
        <translation>已充值未付款</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile.py" line="44"/>
        <source>amount differs</source>
        <translation>金额不符</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile.py" line="45"/>
        <source>refunded twice</source>
        <translation>重复退款</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile.py" line="46"/>
        <source>refunded and credited</source>
        <translation>已退款且已充值</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile_export.py" line="16"/>
        <source>Online payments reconciliation</source>
        <translation>在线支付对账</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile_export.py" line="17"/>
        <source>Statement day (China time)</source>
        <translation>对账日（北京时间）</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile_export.py" line="18"/>
        <source>{provider}: {paid} payments {paid_yuan}, {back} refunds {back_yuan}</source>
        <translation>{provider}：付款 {paid} 笔 {paid_yuan}，退款 {back} 笔 {back_yuan}</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile_export.py" line="21"/>
        <source>Not read</source>
        <translation>未读取</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile_export.py" line="22"/>
        <source>Mismatches</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile_export.py" line="24"/>
        <source>Provider</source>
        <translation>支付渠道</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile_export.py" line="25"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile_export.py" line="26"/>
        <source>Mismatch</source>
        <translation>差异类型</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile_export.py" line="27"/>
        <source>Our amount (yuan)</source>
        <translation>本系统金额（元）</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile_export.py" line="28"/>
        <source>Statement amount (yuan)</source>
        <translation>对账单金额（元）</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile_export.py" line="29"/>
        <source>Order state</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile_export.py" line="30"/>
        <source>Provider transaction</source>
        <translation>渠道交易号</translation>
    </message>
    <message>
        <location filename="../../app/services/payments/reconcile_export.py" line="31"/>
        <source>Sale entry</source>
        <translation>售电记录</translation>
    </message>
</context>
<context>
    <name>ReconcileWindow</name>
    <message>
        <location filename="../../app/ui/payments/reconcile_window.py" line="97"/>
        <source>Reading the statements…</source>
        <translation>正在读取对账单…</translation>
    </message>
    <message>
        <location filename="../../app/ui/payments/reconcile_window.py" line="107"/>
        <source>{provider}: {count} payments, {total} yuan; {back} refunds, {back_total} yuan</source>
        <translation>{provider}：付款 {count} 笔，{total} 元；退款 {back} 笔，{back_total} 元</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/payments/reconcile_window.py" line="118"/>
        <source>%n mismatch(es).</source>
        <translation>
            <numerusform>%n 条差异。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/payments/reconcile_window.py" line="120"/>
        <source>Everything agrees.</source>
        <translation>全部相符。</translation>
    </message>
    <message>
        <location filename="../../app/ui/payments/reconcile_window.py" line="136"/>
        <source>Export reconciliation</source>
        <translation>导出对账结果</translation>
    </message>
    <message>
        <location filename="../../app/ui/payments/reconcile_window.py" line="144"/>
        <source>Online payments reconciliation</source>
        <translation>在线支付对账</translation>
    </message>
    <message>
        <location filename="../../app/ui/payments/reconcile_window.py" line="145"/>
        <source>Statement day (China time)</source>
        <translation>对账日（北京时间）</translation>
    </message>
    <message>
        <location filename="../../app/ui/payments/reconcile_window.py" line="146"/>
        <source>Compare</source>
        <translation>对账</translation>
    </message>
    <message>
        <location filename="../../app/ui/payments/reconcile_window.py" line="147"/>
        <source>Export .xlsx…</source>
        <translation>导出 .xlsx…</translation>
    </message>
</context>
<context>
    <name>RecordExports</name>
    <message>
        <location filename="../../app/ui/records/record_exports.py" line="40"/>
        <source>Filter</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/record_exports.py" line="41"/>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../../app/ui/cashier/refund_dialog.py" line="50"/>
        <source>Refund from a meter</source>
        <translation>退电</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/refund_dialog.py" line="100"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/refund_dialog.py" line="101"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/refund_dialog.py" line="58"/>
        <source>The meter is read again before the refund; at most its balance.</source>
        <translation>退电前将重新抄读电表，退电金额不能超过其剩余金额。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/refund_dialog.py" line="66"/>
        <source>Amount (yuan)</source>
        <translation>退电金额（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/refund_dialog.py" line="71"/>
        <location filename="../../app/ui/cashier/refund_dialog.py" line="104"/>
        <source>Paid back as</source>
        <translation>退款方式</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/refund_dialog.py" line="75"/>
        <location filename="../../app/ui/cashier/refund_dialog.py" line="105"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/refund_dialog.py" line="96"/>
        <source>Enter a valid amount.</source>
        <translation>请输入有效金额。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/refund_dialog.py" line="102"/>
        <location filename="../../app/ui/cashier/refund_dialog.py" line="107"/>
        <source>Refund</source>
        <translation>退电金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/refund_dialog.py" line="103"/>
        <source>In words</source>
        <translation>大写金额</translation>
    </message>
</context>
<context>
    <name>RelayActions</name>
    <message>
        <location filename="../../app/ui/control/relay_actions.py" line="29"/>
        <source>Trip (switch the power off)…</source>
        <translation>拉闸（断电）…</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/relay_actions.py" line="31"/>
        <source>Close (release a trip)…</source>
        <translation>合闸（解除拉闸）…</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/relay_actions.py" line="33"/>
        <source>Keep power on…</source>
        <translation>保电…</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/relay_actions.py" line="34"/>
        <source>Restore prepaid control…</source>
        <translation>恢复预付费控制…</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/relay_actions.py" line="72"/>
        <source>{0} on meter {1} ({2}, tenant {3} {4})?</source>
        <translation>对电表 {1}（{2}，租户 {3} {4}）执行“{0}”？</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/relay_actions.py" line="76"/>
        <source>{0} on meter {1} ({2}, no tenant)?</source>
        <translation>对电表 {1}（{2}，无租户）执行“{0}”？</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/relay_actions.py" line="80"/>
        <source>The tenant still has {0} of credit: the shop loses power anyway.</source>
        <translation>该租户仍有余额 {0}：拉闸后商铺仍将断电。</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/relay_actions.py" line="84"/>
        <source>The tenant is in arrears: keeping the power on lets the debt grow.</source>
        <translation>该租户已欠费：保电会使欠费继续增加。</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/relay_actions.py" line="95"/>
        <location filename="../../app/ui/control/relay_actions.py" line="118"/>
        <location filename="../../app/ui/control/relay_actions.py" line="132"/>
        <source>Remote control</source>
        <translation>远程控制</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/relay_actions.py" line="119"/>
        <source>Meter {0}: {1}</source>
        <translation>电表 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/relay_actions.py" line="126"/>
        <source>the relay is open (no power)</source>
        <translation>继电器断开（断电）</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/relay_actions.py" line="128"/>
        <source>the relay is closed (power on)</source>
        <translation>继电器闭合（供电）</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/relay_actions.py" line="133"/>
        <source>Meter {0} confirmed: {1}.</source>
        <translation>电表 {0} 已确认：{1}。</translation>
    </message>
</context>
<context>
    <name>ReplaceMeterDialog</name>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="50"/>
        <source>Replace meter</source>
        <translation>换表</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="56"/>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="98"/>
        <source>Old meter</source>
        <translation>旧表</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="57"/>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="97"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="58"/>
        <source>Balance</source>
        <translation>剩余金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="66"/>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="99"/>
        <source>New meter</source>
        <translation>新表</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="68"/>
        <source>The old meter is dead: move its last stored balance (estimated)</source>
        <translation>旧表已损坏：转移最近存储的剩余金额（估算）</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="87"/>
        <source>Choose the new meter.</source>
        <translation>请选择新表。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="89"/>
        <source>last stored balance {amount}, estimated</source>
        <translation>最近存储的剩余金额 {amount}（估算）</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="93"/>
        <source>read live from the old meter</source>
        <translation>从旧表实时读取</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="100"/>
        <source>Credit moved</source>
        <translation>转移金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="121"/>
        <source>Transferred out</source>
        <translation>转出金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="124"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="124"/>
        <source>estimated from the last stored reading</source>
        <translation>根据最近存储的读数估算</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="127"/>
        <source>Transferred in</source>
        <translation>转入金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="129"/>
        <source>New meter balance</source>
        <translation>新表剩余金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="132"/>
        <source>The old meter&apos;s credit was not moved.</source>
        <translation>旧表余额未转移。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="134"/>
        <source>The new meter did not confirm the credit yet.</source>
        <translation>新表尚未确认转入金额。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="136"/>
        <source>The new meter did not take the credit.</source>
        <translation>新表未接受转入金额。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/replace_meter_dialog.py" line="137"/>
        <source>The meter is replaced.</source>
        <translation>换表完成。</translation>
    </message>
</context>
<context>
    <name>ReportActions</name>
    <message>
        <location filename="../../app/ui/reports/actions.py" line="16"/>
        <source>&amp;Sales report…</source>
        <translation>售电报表(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/actions.py" line="17"/>
        <source>&amp;Energy report…</source>
        <translation>电量报表(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/actions.py" line="18"/>
        <source>Shift &amp;closing…</source>
        <translation>交班结账(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/payments/reconcile_window.py" line="165"/>
        <source>&amp;Online payments reconciliation…</source>
        <translation>在线支付对账(&amp;O)…</translation>
    </message>
</context>
<context>
    <name>ReportWindow</name>
    <message>
        <location filename="../../app/ui/reports/common.py" line="250"/>
        <source>&amp;Export to Excel…</source>
        <translation>导出到 Excel(&amp;E)…</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../app/services/reports/energy.py" line="30"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/energy.py" line="31"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/energy.py" line="32"/>
        <location filename="../../app/services/reports/sales.py" line="34"/>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/energy.py" line="33"/>
        <source>Bus</source>
        <translation>总线</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/energy.py" line="38"/>
        <source>Whole period</source>
        <translation>整个期间</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/energy.py" line="39"/>
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/energy.py" line="40"/>
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/sales.py" line="31"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/sales.py" line="32"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/sales.py" line="33"/>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="25"/>
        <source>Sales report</source>
        <translation>售电报表</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="26"/>
        <source>Energy report</source>
        <translation>电量报表</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="27"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="28"/>
        <source>Grouped by</source>
        <translation>分组方式</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="29"/>
        <source>Confirmed entries only; {count} entries not yet settled are not counted</source>
        <translation>仅统计已确认的记录；{count} 条尚未结算的记录未计入</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="32"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="33"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="35"/>
        <source>not recorded (account closes, transfers)</source>
        <translation>未记录（销户退款、余额转移）</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="36"/>
        <source>(no tenant: metering only)</source>
        <translation>（无租户：仅计量）</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="38"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="39"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="40"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="41"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="42"/>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="44"/>
        <source>Compared with</source>
        <translation>对比期间</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="45"/>
        <source>Step</source>
        <translation>步长</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="65"/>
        <source>Sales</source>
        <translation>售电</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="66"/>
        <source>Refunds</source>
        <translation>退费</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="67"/>
        <source>Corrections</source>
        <translation>冲正</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="68"/>
        <source>Transfers out</source>
        <translation>转出</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="69"/>
        <source>Transfers in</source>
        <translation>转入</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="70"/>
        <source>Net</source>
        <translation>净额</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="72"/>
        <source>Entries</source>
        <translation>笔数</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="100"/>
        <source>Energy (kWh)</source>
        <translation>电量 (kWh)</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="101"/>
        <source>Sharp (kWh)</source>
        <translation>尖 (kWh)</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="102"/>
        <source>Peak (kWh)</source>
        <translation>峰 (kWh)</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="103"/>
        <source>Flat (kWh)</source>
        <translation>平 (kWh)</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="104"/>
        <source>Valley (kWh)</source>
        <translation>谷 (kWh)</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="105"/>
        <source>Cost (yuan)</source>
        <translation>电费（元）</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="106"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="107"/>
        <source>Days with gaps</source>
        <translation>有缺口天数</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="108"/>
        <source>Days missing</source>
        <translation>缺失天数</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="109"/>
        <source>Counter resets</source>
        <translation>计数器回零</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="111"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="112"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="113"/>
        <source>Month before (kWh)</source>
        <translation>上月同期 (kWh)</translation>
    </message>
    <message>
        <location filename="../../app/services/reports/tables.py" line="114"/>
        <source>Change (%)</source>
        <translation>变化 (%)</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="146"/>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/auth/operators_dialog.py" line="147"/>
        <source>Temporary password for %1; they must change it at the next login.</source>
        <translation>%1 的临时密码；该操作员下次登录时必须修改。</translation>
    </message>
</context>
<context>
    <name>SaleDialog</name>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="41"/>
        <source>not read yet</source>
        <translation>尚未抄读</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="43"/>
        <source>{amount} (last read {when})</source>
        <translation>{amount}（{when} 抄读）</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="46"/>
        <source>meter offline</source>
        <translation>电表失联</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="74"/>
        <source>Sell electricity</source>
        <translation>售电</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="84"/>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="89"/>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="146"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="94"/>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="147"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="95"/>
        <source>Balance</source>
        <translation>剩余金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="102"/>
        <source>Amount (yuan)</source>
        <translation>购电金额（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="104"/>
        <source>Single-sale limit: {limit}</source>
        <translation>单笔上限：{limit}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="111"/>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="150"/>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="128"/>
        <source>This meter has no open account.</source>
        <translation>该电表未开户。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="142"/>
        <source>Enter a valid amount.</source>
        <translation>请输入有效金额。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="148"/>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="152"/>
        <source>Amount</source>
        <translation>购电金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/cashier/sale_dialog.py" line="149"/>
        <source>In words</source>
        <translation>大写金额</translation>
    </message>
</context>
<context>
    <name>SalesRecordsModel</name>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="87"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="88"/>
        <source>Receipt no.</source>
        <translation>收据编号</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="89"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="90"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="91"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="92"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="93"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="94"/>
        <source>Balance after</source>
        <translation>操作后余额</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="95"/>
        <source>Payment</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="96"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/record_exports.py" line="89"/>
        <location filename="../../app/ui/records/sales_window.py" line="148"/>
        <source>(reversed)</source>
        <translation>（已冲正）</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/record_exports.py" line="91"/>
        <location filename="../../app/ui/records/sales_window.py" line="150"/>
        <source>(estimated)</source>
        <translation>（估算）</translation>
    </message>
</context>
<context>
    <name>SalesReportWindow</name>
    <message>
        <location filename="../../app/ui/reports/sales_window.py" line="30"/>
        <source>Double-click a row to see its ledger entries.</source>
        <translation>双击一行查看其账目记录。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/reports/sales_window.py" line="57"/>
        <source>Confirmed entries only: %n entries not yet settled are not counted.</source>
        <translation>
            <numerusform>仅统计已确认的记录：%n 条尚未结算的记录未计入。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/sales_window.py" line="63"/>
        <source>Confirmed entries only.</source>
        <translation>仅统计已确认的记录。</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/sales_window.py" line="74"/>
        <source>Entry</source>
        <translation>记录号</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/sales_window.py" line="74"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/sales_window.py" line="74"/>
        <source>Receipt no.</source>
        <translation>票据号</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/sales_window.py" line="74"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/sales_window.py" line="75"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/sales_window.py" line="75"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/sales_window.py" line="75"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/sales_window.py" line="75"/>
        <source>Payment</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/sales_window.py" line="76"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/sales_window.py" line="88"/>
        <source>Ledger entries: %1</source>
        <translation>账目记录：%1</translation>
    </message>
</context>
<context>
    <name>SalesWindow</name>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="187"/>
        <source>Sales records</source>
        <translation>售电记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="203"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="209"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="213"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="217"/>
        <source>All operators</source>
        <translation>全部操作员</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="221"/>
        <source>Receipt, meter, tenant, account no…</source>
        <translation>收据编号、表号、租户、户号…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="226"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="241"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="244"/>
        <source>Reprint receipt (COPY)…</source>
        <translation>补打收据（副本）…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="250"/>
        <source>Sell…</source>
        <translation>售电…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="251"/>
        <source>Refund…</source>
        <translation>退电…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="252"/>
        <source>Correct this sale…</source>
        <translation>冲正此笔售电…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="275"/>
        <source>{n} entries</source>
        <translation>共 {n} 条</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/sales_window.py" line="285"/>
        <source>Export sales records</source>
        <translation>导出售电记录</translation>
    </message>
</context>
<context>
    <name>SavingPage</name>
    <message>
        <location filename="../../app/ui/settings/saving.py" line="49"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>ScanStatus</name>
    <message>
        <location filename="../../app/services/bus_scan.py" line="58"/>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../app/services/bus_scan.py" line="59"/>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../app/services/bus_scan.py" line="60"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../../app/services/bus_scan.py" line="61"/>
        <source>moved</source>
        <translation>已移位</translation>
    </message>
    <message>
        <location filename="../../app/services/bus_scan.py" line="62"/>
        <source>other serial</source>
        <translation>表号不符</translation>
    </message>
    <message>
        <location filename="../../app/services/bus_scan.py" line="63"/>
        <source>clashing</source>
        <translation>地址冲突</translation>
    </message>
    <message>
        <location filename="../../app/services/bus_scan.py" line="64"/>
        <source>unknown family</source>
        <translation>未知型号</translation>
    </message>
</context>
<context>
    <name>ScanWindow</name>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="102"/>
        <source>Scan a bus</source>
        <translation>扫描总线</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="109"/>
        <source>A port no bus uses…</source>
        <translation>未被总线使用的串口…</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="129"/>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="146"/>
        <source>Baud</source>
        <translation>波特率</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="146"/>
        <source>Parity</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="147"/>
        <source>Stop bits</source>
        <translation>停止位</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="153"/>
        <source>Port</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="165"/>
        <source>Number of a new meter: {address} and {circuit} are replaced, e.g. B1-{address:03d}</source>
        <translation>新电表编号：{address} 和 {circuit} 会被替换，例如 B1-{address:03d}</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="168"/>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="168"/>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="169"/>
        <source>New meters numbered</source>
        <translation>新电表编号</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="172"/>
        <source>Addresses</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="175"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="178"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="192"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="192"/>
        <source>Serial</source>
        <translation>表号</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="192"/>
        <source>Family</source>
        <translation>电表类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="192"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="193"/>
        <source>Phases</source>
        <translation>相数</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="193"/>
        <source>CT/PT</source>
        <translation>CT/PT</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="193"/>
        <source>Circuits</source>
        <translation>回路数</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="193"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="194"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="194"/>
        <source>Commissioned</source>
        <translation>调试结果</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="207"/>
        <source>Add selected</source>
        <translation>添加所选</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="210"/>
        <source>Commission selected</source>
        <translation>调试所选</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="286"/>
        <location filename="../../app/ui/control/scan_window.py" line="324"/>
        <source>Scanning…</source>
        <translation>正在扫描…</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="333"/>
        <source>Cancelling after this address…</source>
        <translation>本地址完成后取消…</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="345"/>
        <source>Scanning address {0} ({1} of {2}), {3} answered</source>
        <translation>正在扫描地址 {0}（第 {1}/{2} 个），{3} 个应答</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="359"/>
        <source>{0} addresses in {1:.0f} s: {2} new, {3} ok, {4} missing, {5} moved, {6} clashing</source>
        <translation>{0} 个地址，用时 {1:.0f} 秒：新增 {2}，正常 {3}，缺失 {4}，移位 {5}，冲突 {6}</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="366"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="380"/>
        <source>{0} (configured at {1})</source>
        <translation>{0}（配置于 {1}）</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="454"/>
        <source>{0} meters added.</source>
        <translation>已添加 {0} 块电表。</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="467"/>
        <source>The bus is not running: enable it to commission its meters.</source>
        <translation>总线未运行：请启用后再调试其电表。</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="477"/>
        <source>working…</source>
        <translation>进行中…</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="480"/>
        <source>Commissioning {0} meters…</source>
        <translation>正在调试 {0} 块电表…</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="486"/>
        <location filename="../../app/ui/control/scan_window.py" line="501"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="494"/>
        <location filename="../../app/ui/control/scan_window.py" line="501"/>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="494"/>
        <source>problems</source>
        <translation>有问题</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/scan_window.py" line="501"/>
        <source>skipped</source>
        <translation>跳过</translation>
    </message>
</context>
<context>
    <name>ScheduleEditor</name>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="62"/>
        <source>Trip (switch the power off)</source>
        <translation>拉闸（断电）</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="63"/>
        <source>Close (release a trip)</source>
        <translation>合闸（解除拉闸）</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="64"/>
        <source>Keep power on</source>
        <translation>保电</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="65"/>
        <source>Restore prepaid control</source>
        <translation>恢复预付费控制</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="66"/>
        <source>Prepaid mode on</source>
        <translation>开启预付费模式</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="67"/>
        <source>Prepaid mode off</source>
        <translation>关闭预付费模式</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="68"/>
        <source>Download prices</source>
        <translation>下发电价</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="69"/>
        <source>Download settings</source>
        <translation>下发参数</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="72"/>
        <source>Once</source>
        <translation>一次</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="73"/>
        <source>Every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="74"/>
        <source>Every week</source>
        <translation>每周</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="75"/>
        <source>Every month</source>
        <translation>每月</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="76"/>
        <source>Window every week, and holidays</source>
        <translation>每周时段及节假日</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="79"/>
        <source>All meters</source>
        <translation>全部电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="80"/>
        <source>All meters of a building</source>
        <translation>某楼宇的全部电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="81"/>
        <source>All meters of a bus</source>
        <translation>某总线的全部电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="82"/>
        <source>These meters</source>
        <translation>指定电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="85"/>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="86"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="87"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="88"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="89"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="90"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="91"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="157"/>
        <source>New schedule</source>
        <translation>新建计划</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="159"/>
        <source>Edit schedule</source>
        <translation>编辑计划</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="188"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="193"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="196"/>
        <source>What each meter should hold</source>
        <translation>各电表应有的参数</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="198"/>
        <source>Tariff version</source>
        <translation>电价版本</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="200"/>
        <source>Meters</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="205"/>
        <source>When</source>
        <translation>执行时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="211"/>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="217"/>
        <source>Next runs</source>
        <translation>下次执行</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="261"/>
        <source>meter numbers: M001, M005</source>
        <translation>电表编号：M001, M005</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="283"/>
        <location filename="../../app/ui/control/schedule_dialog.py" line="291"/>
        <location filename="../../app/ui/control/schedule_dialog.py" line="309"/>
        <location filename="../../app/ui/control/schedule_dialog.py" line="323"/>
        <source>At</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="306"/>
        <source>On</source>
        <translation>星期</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="319"/>
        <source>Day of the month</source>
        <translation>每月日期</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="339"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="341"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="343"/>
        <source>Then</source>
        <translation>然后</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="347"/>
        <source>Holidays (whole days inside the window)</source>
        <translation>节假日（整天处于时段内）</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="362"/>
        <source>Add day</source>
        <translation>添加日期</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="365"/>
        <source>Remove day</source>
        <translation>删除日期</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="379"/>
        <source>Only from</source>
        <translation>仅从</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="389"/>
        <source>until</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_dialog.py" line="545"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="50"/>
        <source>{0} {1} to {2} {3}, then {4}</source>
        <translation>{0} {1} 至 {2} {3}，然后{4}</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="58"/>
        <source>; {0} holiday(s)</source>
        <translation>；{0} 个节假日</translation>
    </message>
</context>
<context>
    <name>ScheduleListModel</name>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="74"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="75"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="76"/>
        <source>When</source>
        <translation>执行时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="77"/>
        <source>Next run</source>
        <translation>下次执行</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="78"/>
        <source>Last run</source>
        <translation>上次执行</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="79"/>
        <source>Last result</source>
        <translation>上次结果</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="80"/>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="101"/>
        <source>batch {0}: {1} done, {2} failed, {3} pending</source>
        <translation>批次 {0}：成功 {1}，失败 {2}，待执行 {3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="104"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="104"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ScheduleWindow</name>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="119"/>
        <source>Schedules</source>
        <translation>计划任务</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="132"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="133"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="134"/>
        <source>Enable / disable</source>
        <translation>启用/停用</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="135"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="136"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/control/schedule_window.py" line="165"/>
        <source>%n schedule(s)</source>
        <translation>
            <numerusform>%n 个计划</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="210"/>
        <source>Delete schedule</source>
        <translation>删除计划</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="211"/>
        <source>Delete the schedule {0}? The batches it ran are kept.</source>
        <translation>删除计划 {0}？它执行过的批次将保留。</translation>
    </message>
    <message>
        <location filename="../../app/ui/control/schedule_window.py" line="229"/>
        <location filename="../../app/ui/shell/session.py" line="133"/>
        <source>Sc&amp;hedules…</source>
        <translation>计划任务(&amp;H)…</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../app/ui/shell/session.py" line="94"/>
        <source>&amp;Lock screen</source>
        <translation>锁定屏幕(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/session.py" line="95"/>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/session.py" line="96"/>
        <source>&amp;Operators…</source>
        <translation>操作员管理(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/session.py" line="97"/>
        <source>S&amp;ystem log…</source>
        <translation>系统日志(&amp;Y)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/session.py" line="98"/>
        <source>&amp;Settings…</source>
        <translation>系统设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/session.py" line="157"/>
        <source>Prepaid Energy Manager — %1 (%2)</source>
        <translation>预付费电能管理系统 — %1（%2）</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/session.py" line="186"/>
        <source>System log</source>
        <translation>系统日志</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <location filename="../../app/ui/settings/settings_window.py" line="85"/>
        <source>System settings</source>
        <translation>系统设置</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_window.py" line="86"/>
        <source>Buildings</source>
        <translation>楼宇</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_window.py" line="86"/>
        <source>Gateways</source>
        <translation>通讯管理机</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_window.py" line="86"/>
        <source>Buses</source>
        <translation>总线</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_window.py" line="86"/>
        <source>Meters</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/settings_window.py" line="88"/>
        <source>Defaults and collection</source>
        <translation>默认值与采集</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="327"/>
        <source>New site</source>
        <translation>新建站点</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="130"/>
        <source>Please type your account number first.</source>
        <translation>请先输入您的账号。</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="133"/>
        <source>Please type your PIN.</source>
        <translation>请输入您的密码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="140"/>
        <source>Check your electricity</source>
        <translation>电费查询</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="141"/>
        <source>1. Account number (on your receipt) or shop number</source>
        <translation>1. 账号（见购电收据）或店铺号</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="142"/>
        <source>2. PIN (4 to 8 digits)</source>
        <translation>2. 密码（4 至 8 位数字）</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="143"/>
        <source>Show my account  ➜</source>
        <translation>查询我的账户  ➜</translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk/pin_pages.py" line="144"/>
        <source>Staff</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>SiteNamePage</name>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="125"/>
        <source>Site name</source>
        <translation>站点名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="126"/>
        <source>The name printed on receipts and shown at the login.</source>
        <translation>打印在收据上并在登录时显示的名称。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="127"/>
        <source>Site name:</source>
        <translation>站点名称：</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/setup_wizard.py" line="129"/>
        <source>For example: Riverside Market, building A. It can be changed later.</source>
        <translation>例如：河畔市场A栋。以后可以修改。</translation>
    </message>
</context>
<context>
    <name>SmsPage</name>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="203"/>
        <source>Alarm SMS</source>
        <translation>报警短信</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="204"/>
        <source>Balance by SMS</source>
        <translation>短信查询余额</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="205"/>
        <source>Texts</source>
        <translation>短信内容</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="207"/>
        <source>Sending</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="208"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="209"/>
        <source>Quiet hours</source>
        <translation>免打扰时段</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="210"/>
        <source>Daily cap per number</source>
        <translation>每号码每日上限</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="211"/>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="212"/>
        <source>Keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="213"/>
        <source>Answers per number an hour</source>
        <translation>每号码每小时回复次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="214"/>
        <source>Unknown numbers</source>
        <translation>未登记号码</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="218"/>
        <source>Send alarm SMS to tenants</source>
        <translation>向租户发送报警短信</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="219"/>
        <source>Answer with a polite refusal (else nothing)</source>
        <translation>礼貌回复拒绝（否则不回复）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="220"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="221"/>
        <source>first retry after</source>
        <translation>首次重试间隔</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="222"/>
        <location filename="../../app/ui/settings/sms_page.py" line="234"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="223"/>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="225"/>
        <source>Separate the words with commas</source>
        <translation>多个关键词用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="226"/>
        <source>What falls in the quiet hours is sent when they end</source>
        <translation>免打扰时段内的短信在时段结束后发送</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="227"/>
        <source>Preview with a sample tenant:</source>
        <translation>示例租户预览：</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="229"/>
        <source>Fields: %1</source>
        <translation>可用字段：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="230"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="230"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="238"/>
        <source>Alarm 1</source>
        <translation>报警1</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="239"/>
        <source>Alarm 2</source>
        <translation>报警2</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="240"/>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="241"/>
        <source>Answer to a balance query</source>
        <translation>余额查询回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="242"/>
        <source>Refusal to an unknown number</source>
        <translation>对未登记号码的拒绝回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="245"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="246"/>
        <source>Undo changes</source>
        <translation>撤销更改</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="248"/>
        <source>Alarm 1, alarm 2 and arrears each send one SMS to the tenant.</source>
        <translation>进入报警1、报警2和欠费时各向租户发送一条短信。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="250"/>
        <source>Only an administrator may change these settings.</source>
        <translation>只有管理员可以更改这些设置。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="303"/>
        <source>%1: %2 characters, %3 SMS (%4 characters each)</source>
        <translation>%1：%2 个字符，%3 条短信（每条 %4 个字符）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="381"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/sms_page.py" line="381"/>
        <source>Nothing changed.</source>
        <translation>没有更改。</translation>
    </message>
</context>
<context>
    <name>SystemLog</name>
    <message>
        <location filename="../../app/services/accounts.py" line="103"/>
        <source>entry {entry} {amount}, first sale</source>
        <translation>记录 {entry} {amount}，首次售电</translation>
    </message>
    <message>
        <location filename="../../app/services/audit.py" line="67"/>
        <source>meter {meter}</source>
        <translation>电表 {meter}</translation>
    </message>
    <message>
        <location filename="../../app/services/audit.py" line="68"/>
        <source>tenant {account}</source>
        <translation>租户 {account}</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="35"/>
        <source>unknown name</source>
        <translation>登录名不存在</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="36"/>
        <source>account disabled</source>
        <translation>账户已停用</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="37"/>
        <source>account locked</source>
        <translation>账户已锁定</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="38"/>
        <source>wrong password ({attempt} of {limit})</source>
        <translation>密码错误（第 {attempt} 次，共 {limit} 次）</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="39"/>
        <source>locked for {minutes} min</source>
        <translation>锁定 {minutes} 分钟</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="40"/>
        <source>wrong current password</source>
        <translation>当前密码错误</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="41"/>
        <source>role: {role}</source>
        <translation>角色：{role}</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="42"/>
        <source>role: {old_role} → {new_role}</source>
        <translation>角色：{old_role} → {new_role}</translation>
    </message>
    <message>
        <location filename="../../app/services/billing.py" line="42"/>
        <source>entry {entry} {amount}</source>
        <translation>记录 {entry} {amount}</translation>
    </message>
    <message>
        <location filename="../../app/services/billing.py" line="43"/>
        <source>entry {entry} {amount}: {error}</source>
        <translation>记录 {entry} {amount}：{error}</translation>
    </message>
    <message>
        <location filename="../../app/services/billing.py" line="44"/>
        <source>{amount}: {error}</source>
        <translation>{amount}：{error}</translation>
    </message>
    <message>
        <location filename="../../app/services/chain_rekey.py" line="39"/>
        <source>ledger, system log</source>
        <translation>台账、系统日志</translation>
    </message>
    <message>
        <location filename="../../app/services/chain_rekey.py" line="40"/>
        <source>{rows} rows re-hashed; the unkeyed chains were intact</source>
        <translation>已重新计算 {rows} 行的哈希；原无密钥的链完好</translation>
    </message>
    <message>
        <location filename="../../app/services/chain_rekey.py" line="43"/>
        <source>{rows} rows re-hashed; the unkeyed chains had {count} problem(s): {problems}</source>
        <translation>已重新计算 {rows} 行的哈希；原无密钥的链有 {count} 处问题：{problems}</translation>
    </message>
    <message>
        <location filename="../../app/services/contact_checks.py" line="32"/>
        <source>meter address {address} serial {serial}</source>
        <translation>电表地址 {address}，表号 {serial}</translation>
    </message>
    <message>
        <location filename="../../app/services/contact_checks.py" line="33"/>
        <source>purchase count: meter {counted}, ledger {expected}</source>
        <translation>购电次数：电表 {counted}，台账 {expected}</translation>
    </message>
    <message>
        <location filename="../../app/services/settlement.py" line="26"/>
        <source>entry {entry} {kind} {amount}</source>
        <translation>记录 {entry} {kind} {amount}</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/apply.py" line="34"/>
        <source>{file}: new {buildings_new} buildings, {gateways_new} gateways, {buses_new} buses, {meters_new} meters; changed {buildings_changed} buildings, {gateways_changed} gateways, {buses_changed} buses, {meters_changed} meters</source>
        <translation>{file}：新增楼宇 {buildings_new} 个、通讯管理机 {gateways_new} 台、总线 {buses_new} 条、电表 {meters_new} 块；修改楼宇 {buildings_changed} 个、通讯管理机 {gateways_changed} 台、总线 {buses_changed} 条、电表 {meters_changed} 块</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/apply.py" line="40"/>
        <location filename="../../app/services/tenants.py" line="237"/>
        <source>changed {changes}</source>
        <translation>修改了 {changes}</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="84"/>
        <location filename="../../app/services/site_workbook/apply.py" line="41"/>
        <source>building {name}</source>
        <translation>楼宇 {name}</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="85"/>
        <location filename="../../app/services/site_workbook/apply.py" line="42"/>
        <source>gateway {name}</source>
        <translation>通讯管理机 {name}</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="86"/>
        <location filename="../../app/services/site_workbook/apply.py" line="43"/>
        <source>bus {name}</source>
        <translation>总线 {name}</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="87"/>
        <source>added: {values}</source>
        <translation>添加：{values}</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="88"/>
        <source>changed: {changes}</source>
        <translation>修改：{changes}</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="89"/>
        <source>nothing changed</source>
        <translation>无修改</translation>
    </message>
    <message>
        <location filename="../../app/services/site_config.py" line="90"/>
        <source>removed: {values}</source>
        <translation>删除：{values}</translation>
    </message>
    <message>
        <location filename="../../app/services/tenants.py" line="238"/>
        <source>changed {changes}; kiosk PIN reset</source>
        <translation>修改了 {changes}；已重置自助查询密码</translation>
    </message>
    <message>
        <location filename="../../app/services/tenants.py" line="239"/>
        <source>kiosk PIN reset</source>
        <translation>已重置自助查询密码</translation>
    </message>
    <message>
        <location filename="../../app/services/commission.py" line="52"/>
        <source>serial {serial}, {profile}, model {model}, {phases}-phase, CT {ct}, PT {pt}; {steps}</source>
        <translation>表号 {serial}，{profile}，型号 {model}，{phases} 相，CT {ct}，PT {pt}；{steps}</translation>
    </message>
    <message>
        <location filename="../../app/services/site_workbook/takeover.py" line="34"/>
        <source>taken over for account {account}: the meter holds {balance}, purchase count {count}, opened {opened}</source>
        <translation>接管至账户 {account}：电表剩余金额 {balance}，购电次数 {count}，开户日期 {opened}</translation>
    </message>
    <message>
        <location filename="../../app/services/schedule_runner.py" line="48"/>
        <source>{command} on {count} meter(s): batch {batch}</source>
        <translation>{count} 块电表 {command}：批次 {batch}</translation>
    </message>
    <message>
        <location filename="../../app/services/schedule_runner.py" line="49"/>
        <source>missed run at {due} caught up at {now}: {command} on {count} meter(s), batch {batch}</source>
        <translation>错过 {due} 的执行，已于 {now} 补执行：{count} 块电表 {command}，批次 {batch}</translation>
    </message>
    <message>
        <location filename="../../app/services/schedule_runner.py" line="53"/>
        <source>missed run at {due} skipped at {now}: older than {hours} h, nothing sent</source>
        <translation>错过 {due} 的执行，于 {now} 跳过：已超过 {hours} 小时，未发送</translation>
    </message>
    <message>
        <location filename="../../app/services/schedule_runner.py" line="56"/>
        <source>run at {due}: the selection holds no meters now, nothing sent</source>
        <translation>{due} 的执行：所选范围内已无电表，未发送</translation>
    </message>
    <message>
        <location filename="../../app/services/schedule_runner.py" line="59"/>
        <source>run at {due} of {command} failed: {error}</source>
        <translation>{due} 的 {command} 执行失败：{error}</translation>
    </message>
    <message>
        <location filename="../../app/services/schedules.py" line="49"/>
        <source>schedule {name}</source>
        <translation>计划 {name}</translation>
    </message>
    <message>
        <location filename="../../app/services/schedules.py" line="50"/>
        <source>{command} on {meters}; {when}; next run {next}</source>
        <translation>{meters} {command}；{when}；下次执行 {next}</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="94"/>
        <source>tariff {name}</source>
        <translation>电价 {name}</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="95"/>
        <source>version {version}</source>
        <translation>第 {version} 版</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="96"/>
        <source>version {version} to {count} meters: {meters}</source>
        <translation>第 {version} 版分配给 {count} 块电表：{meters}</translation>
    </message>
    <message>
        <location filename="../../app/services/tariffs.py" line="97"/>
        <source>version {version} to {count} meters: {meters}; price override {price} yuan/kWh</source>
        <translation>第 {version} 版分配给 {count} 块电表：{meters}；单表电价 {price} 元/kWh</translation>
    </message>
    <message>
        <location filename="../../app/cli/backup.py" line="36"/>
        <location filename="../../app/services/backup.py" line="261"/>
        <location filename="../../app/services/night_jobs.py" line="190"/>
        <location filename="../../app/services/restore.py" line="232"/>
        <source>backup {folder}</source>
        <translation>备份 {folder}</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="70"/>
        <source>{count} alarms</source>
        <translation>{count} 条报警</translation>
    </message>
    <message>
        <location filename="../../app/services/alarm_report.py" line="71"/>
        <source>alarms {ids}: {note}</source>
        <translation>报警 {ids}：{note}</translation>
    </message>
    <message>
        <location filename="../../app/services/night_jobs.py" line="151"/>
        <source>{moved} readings of {days} days before {cutoff}</source>
        <translation>{cutoff} 之前 {days} 天的 {moved} 条读数</translation>
    </message>
    <message>
        <location filename="../../app/services/night_jobs.py" line="167"/>
        <location filename="../../app/services/night_jobs.py" line="184"/>
        <source>{error}</source>
        <translation>{error}</translation>
    </message>
    <message>
        <location filename="../../app/services/tenant_access.py" line="37"/>
        <source>account or source locked</source>
        <translation>账号或来源已锁定</translation>
    </message>
    <message>
        <location filename="../../app/services/tenant_access.py" line="38"/>
        <source>tenant closed</source>
        <translation>租户已销户</translation>
    </message>
    <message>
        <location filename="../../app/services/tenant_access.py" line="39"/>
        <source>unknown account</source>
        <translation>未知账号</translation>
    </message>
    <message>
        <location filename="../../app/services/tenant_access.py" line="40"/>
        <source>wrong PIN ({attempt} of {limit}) from {source}</source>
        <translation>密码错误（第 {attempt} 次，共 {limit} 次），来自 {source}</translation>
    </message>
</context>
<context>
    <name>SystemLogModel</name>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="22"/>
        <source>Logged in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="23"/>
        <source>Login failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="24"/>
        <source>Account locked</source>
        <translation>账户锁定</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="25"/>
        <source>Screen locked</source>
        <translation>锁定屏幕</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="26"/>
        <source>Screen unlocked</source>
        <translation>屏幕解锁</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="27"/>
        <source>Password changed</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="28"/>
        <source>First administrator created</source>
        <translation>创建首位管理员</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="29"/>
        <source>Operator created</source>
        <translation>创建操作员</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="30"/>
        <source>Operator disabled</source>
        <translation>停用操作员</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="31"/>
        <source>Operator enabled</source>
        <translation>启用操作员</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="32"/>
        <source>Role changed</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="33"/>
        <source>Password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="34"/>
        <source>Operator unlocked</source>
        <translation>解锁操作员</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="35"/>
        <source>Tenant created</source>
        <translation>新建租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="36"/>
        <source>Account opened</source>
        <translation>开户</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="37"/>
        <source>Account closed</source>
        <translation>销户</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="38"/>
        <source>Balance transferred out</source>
        <translation>余额转出</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="39"/>
        <source>Balance transferred in</source>
        <translation>余额转入</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="40"/>
        <source>Sale</source>
        <translation>售电</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="41"/>
        <source>Refund</source>
        <translation>退电</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="42"/>
        <source>Correction</source>
        <translation>冲正</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="43"/>
        <source>Purchase count mismatch</source>
        <translation>购电次数不符</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="44"/>
        <source>Entry settled</source>
        <translation>记录已结算</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="45"/>
        <source>Chains re-keyed</source>
        <translation>哈希链已更换密钥</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="46"/>
        <source>Settings changed</source>
        <translation>设置已更改</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="47"/>
        <source>Alarms acknowledged</source>
        <translation>确认报警</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="48"/>
        <source>Cash counted (closing)</source>
        <translation>现金清点(交班结算)</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="49"/>
        <source>Readings archived</source>
        <translation>读数归档</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="50"/>
        <source>Backup made</source>
        <translation>备份完成</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="51"/>
        <source>Backup restored</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="52"/>
        <source>Tenant signed in (kiosk / mobile)</source>
        <translation>租户登录（查询机/手机）</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="53"/>
        <source>Tenant changed their PIN</source>
        <translation>租户修改密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="54"/>
        <source>Tenant signed out (mobile)</source>
        <translation>租户退出登录（手机）</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="55"/>
        <source>Tenant read their meter now</source>
        <translation>租户实时读取电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="56"/>
        <source>Tenant switched their power off</source>
        <translation>租户自行断电</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="57"/>
        <source>Tenant switched their power on</source>
        <translation>租户自行送电</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="58"/>
        <source>Kiosk exit PIN set</source>
        <translation>设置查询机退出密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="59"/>
        <source>Kiosk exit locked (wrong PINs)</source>
        <translation>查询机退出已锁定（密码错误）</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="60"/>
        <source>Account taken over</source>
        <translation>接管账户</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="61"/>
        <source>Meter commissioned</source>
        <translation>电表投运</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="62"/>
        <source>Site imported</source>
        <translation>导入站点</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="63"/>
        <source>Scheduled task run</source>
        <translation>定时任务已执行</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="64"/>
        <source>Scheduled task run late</source>
        <translation>定时任务补执行</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="65"/>
        <source>Scheduled task skipped</source>
        <translation>定时任务已跳过</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="66"/>
        <source>Scheduled task failed</source>
        <translation>定时任务失败</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="67"/>
        <source>Tariff created</source>
        <translation>新建电价</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="68"/>
        <source>Tariff changed</source>
        <translation>修改电价</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="69"/>
        <source>Tariff assigned</source>
        <translation>分配电价</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="70"/>
        <source>Tariff archived</source>
        <translation>电价归档</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="74"/>
        <source>account opening</source>
        <translation>开户</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="75"/>
        <source>sale</source>
        <translation>售电</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="76"/>
        <source>refund</source>
        <translation>退电</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="77"/>
        <source>correction</source>
        <translation>冲正</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="78"/>
        <source>transfer out</source>
        <translation>余额转出</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="79"/>
        <source>transfer in</source>
        <translation>余额转入</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="80"/>
        <source>closing refund</source>
        <translation>销户退款</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="84"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="85"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="86"/>
        <source>Maintenance</source>
        <translation>维护员</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="87"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="91"/>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="92"/>
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="93"/>
        <source>Not allowed</source>
        <translation>无权限</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="94"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="95"/>
        <source>Pending</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="96"/>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="97"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="98"/>
        <source>Uncertain</source>
        <translation>待核实</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="99"/>
        <source>Estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="100"/>
        <source>Alarm</source>
        <translation>报警</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="101"/>
        <source>Cleared</source>
        <translation>已解除</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_texts.py" line="102"/>
        <source>Problems found</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="156"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="157"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="158"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="159"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="160"/>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="161"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="162"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>SystemLogView</name>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="206"/>
        <source>Search target, result, detail</source>
        <translation>搜索对象、结果、详情</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="208"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="209"/>
        <source>Check integrity</source>
        <translation>完整性校验</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="211"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="226"/>
        <source>Operator:</source>
        <translation>操作员：</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="228"/>
        <source>Action:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="253"/>
        <source>All operators</source>
        <translation>全部操作员</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="254"/>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="289"/>
        <source>System log</source>
        <translation>系统日志</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="291"/>
        <source>Export the system log</source>
        <translation>导出系统日志</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="299"/>
        <source>Checking the system log…</source>
        <translation>正在校验系统日志…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="310"/>
        <source>The system log is intact.</source>
        <translation>系统日志完整，未被篡改。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/records/system_log_view.py" line="313"/>
        <source>The system log has been tampered with (%n problem(s)):</source>
        <translation>
            <numerusform>系统日志已被篡改（%n 处问题）：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/records/system_log_view.py" line="319"/>
        <source>The check failed: %1</source>
        <translation>校验失败：%1</translation>
    </message>
</context>
<context>
    <name>TariffActions</name>
    <message>
        <location filename="../../app/ui/tariffs/actions.py" line="15"/>
        <source>&amp;Tariffs…</source>
        <translation>电价管理(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/actions.py" line="16"/>
        <source>Parameters &amp;not in sync…</source>
        <translation>参数不同步(&amp;N)…</translation>
    </message>
</context>
<context>
    <name>TariffEditor</name>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="49"/>
        <source>Flat (one price)</source>
        <translation>单一电价</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="50"/>
        <source>Time-of-use (four rates)</source>
        <translation>分时电价（尖峰平谷）</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="51"/>
        <source>Ladder (monthly steps)</source>
        <translation>阶梯电价（按月分档）</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="67"/>
        <source>Tariff</source>
        <translation>费率</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="92"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="93"/>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="96"/>
        <source>Prices (yuan per kWh)</source>
        <translation>电价（元/kWh）</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="108"/>
        <source>Daily time segments (up to 8, covering 24 hours)</source>
        <translation>每日时段（最多 8 个，覆盖 24 小时）</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="115"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="115"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="115"/>
        <source>Rate</source>
        <translation>费率</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="120"/>
        <source>Add segment</source>
        <translation>添加时段</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="122"/>
        <source>Remove segment</source>
        <translation>删除时段</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="135"/>
        <source>Ladder (up to 3 monthly steps)</source>
        <translation>阶梯（最多 3 档，按月）</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="140"/>
        <source>From monthly kWh</source>
        <translation>月用电量起点（kWh）</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="140"/>
        <source>Price added (yuan per kWh)</source>
        <translation>加价（元/kWh）</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="145"/>
        <source>Add step</source>
        <translation>添加档位</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="147"/>
        <source>Remove step</source>
        <translation>删除档位</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="161"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="164"/>
        <source>Assign to meters…</source>
        <translation>分配给电表…</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="167"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="176"/>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="185"/>
        <source>Preview: what one day costs</source>
        <translation>预览：一天的电费</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="191"/>
        <source>Shop</source>
        <translation>商铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="192"/>
        <source>Office (weekday)</source>
        <translation>办公（工作日）</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="193"/>
        <source>Home</source>
        <translation>住宅</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="194"/>
        <source>Typed: kWh in each hour</source>
        <translation>手动输入：每小时电量（kWh）</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="199"/>
        <source>24 amounts, 00-01 first, separated by spaces</source>
        <translation>24 个数值，从 00-01 开始，以空格分隔</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="202"/>
        <source>Load:</source>
        <translation>负荷：</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="203"/>
        <source>kWh per hour:</source>
        <translation>每小时电量：</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="204"/>
        <source>Used this month before the day (kWh):</source>
        <translation>当天之前本月已用电量（kWh）：</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="206"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="212"/>
        <source>kWh</source>
        <translation>kWh</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="212"/>
        <source>Cost (yuan)</source>
        <translation>费用（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="213"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="305"/>
        <source>Price</source>
        <translation>电价</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="346"/>
        <source>Not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="351"/>
        <source>Version %1 — %2, %3</source>
        <translation>第 %1 版 — %2，%3</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="386"/>
        <source>Saved as version %1.</source>
        <translation>已保存为第 %1 版。</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_editor.py" line="439"/>
        <source>A ladder step is crossed during this day.</source>
        <translation>当天跨越了一个阶梯档位。</translation>
    </message>
</context>
<context>
    <name>TariffListWindow</name>
    <message>
        <location filename="../../app/ui/tariffs/tariff_list.py" line="38"/>
        <source>Tariffs</source>
        <translation>电价管理</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_list.py" line="45"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_list.py" line="45"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_list.py" line="45"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_list.py" line="45"/>
        <source>Meters</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_list.py" line="59"/>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_list.py" line="60"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_list.py" line="61"/>
        <source>Assign to meters…</source>
        <translation>分配给电表…</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_list.py" line="62"/>
        <source>Archive</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_list.py" line="136"/>
        <source>Archive tariff</source>
        <translation>停用电价</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/tariff_list.py" line="137"/>
        <source>Archive %1? Meters keep it, but it can no longer be assigned or changed.</source>
        <translation>停用 %1？电表继续使用，但不能再分配或修改。</translation>
    </message>
</context>
<context>
    <name>TenantDetailDialog</name>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="63"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="68"/>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="69"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="70"/>
        <source>Shop / room</source>
        <translation>商铺 / 房号</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="71"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="72"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="73"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="74"/>
        <source>Balance, all meters</source>
        <translation>剩余金额（全部电表）</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="79"/>
        <source>Edit details…</source>
        <translation>修改资料…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="81"/>
        <source>Remove tenant…</source>
        <translation>删除租户…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="92"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="92"/>
        <source>Balance</source>
        <translation>剩余金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="92"/>
        <source>Last read</source>
        <translation>最近抄读</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="92"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="104"/>
        <source>Sell…</source>
        <translation>售电…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="105"/>
        <source>Refund…</source>
        <translation>退电…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="106"/>
        <source>Correct…</source>
        <translation>冲正…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="107"/>
        <source>Close account…</source>
        <translation>销户…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="108"/>
        <source>Replace meter…</source>
        <translation>换表…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="116"/>
        <source>Meters</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="125"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="126"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="127"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="139"/>
        <source>Tenant {name}</source>
        <translation>租户 {name}</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="142"/>
        <source>closed</source>
        <translation>已销户</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="144"/>
        <source>no meter yet: open an account on a meter for them, or remove them</source>
        <translation>尚无电表：请为其在电表上开户，或删除该租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="146"/>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="165"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="165"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="204"/>
        <source>Remove tenant</source>
        <translation>删除租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_detail.py" line="205"/>
        <source>Remove {name}? They hold no meter; their history is kept.</source>
        <translation>删除 {name}？该租户没有电表，其历史记录将保留。</translation>
    </message>
</context>
<context>
    <name>TenantEditDialog</name>
    <message>
        <location filename="../../app/ui/records/tenant_edit_dialog.py" line="53"/>
        <source>Edit tenant {account_no}</source>
        <translation>修改租户 {account_no}</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_edit_dialog.py" line="68"/>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_edit_dialog.py" line="69"/>
        <source>Tenant name</source>
        <translation>租户名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_edit_dialog.py" line="70"/>
        <source>Shop / room</source>
        <translation>商铺 / 房号</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_edit_dialog.py" line="71"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_edit_dialog.py" line="72"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_edit_dialog.py" line="73"/>
        <source>Reset the kiosk PIN</source>
        <translation>重置自助查询密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_edit_dialog.py" line="82"/>
        <source>New PIN (4-8 digits)</source>
        <translation>新查询密码（4-8 位数字）</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_edit_dialog.py" line="83"/>
        <source>PIN again</source>
        <translation>确认查询密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_edit_dialog.py" line="88"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_edit_dialog.py" line="90"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>TenantListWindow</name>
    <message>
        <location filename="../../app/ui/records/tenant_list.py" line="118"/>
        <source>Tenants</source>
        <translation>租户列表</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_list.py" line="124"/>
        <source>Name, account no, shop, phone or meter no</source>
        <translation>名称、户号、商铺、电话或表号</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_list.py" line="137"/>
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_list.py" line="139"/>
        <source>Open account…</source>
        <translation>开户…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_list.py" line="142"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_list.py" line="168"/>
        <source>Export tenants</source>
        <translation>导出租户</translation>
    </message>
</context>
<context>
    <name>TenantSmsView</name>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="35"/>
        <source>Alarm 1</source>
        <translation>报警1</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="36"/>
        <source>Alarm 2</source>
        <translation>报警2</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="37"/>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="38"/>
        <source>Balance reply</source>
        <translation>余额回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="39"/>
        <source>Refusal</source>
        <translation>拒绝回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="40"/>
        <source>From the tenant</source>
        <translation>租户来信</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="43"/>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="44"/>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="45"/>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="46"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="47"/>
        <source>received</source>
        <translation>已收到</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="48"/>
        <source>answered</source>
        <translation>已回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="49"/>
        <source>not answered</source>
        <translation>未回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="62"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="62"/>
        <source>Way</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="62"/>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="62"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="62"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_sms.py" line="112"/>
        <source>The messages could not be read: %1</source>
        <translation>无法读取短信记录：%1</translation>
    </message>
</context>
<context>
    <name>TenantTableModel</name>
    <message>
        <location filename="../../app/ui/records/tenant_list.py" line="50"/>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_list.py" line="51"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_list.py" line="52"/>
        <source>Shop / room</source>
        <translation>商铺 / 房号</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_list.py" line="53"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_list.py" line="54"/>
        <source>Meters</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/tenant_list.py" line="55"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/record_exports.py" line="117"/>
        <location filename="../../app/ui/records/tenant_list.py" line="78"/>
        <source>closed</source>
        <translation>已销户</translation>
    </message>
    <message>
        <location filename="../../app/ui/records/record_exports.py" line="118"/>
        <location filename="../../app/ui/records/tenant_list.py" line="78"/>
        <source>active</source>
        <translation>正常</translation>
    </message>
</context>
<context>
    <name>TileDelegate</name>
    <message>
        <location filename="../../app/ui/grid/tile_delegate.py" line="115"/>
        <source>waiting…</source>
        <translation>等待中…</translation>
    </message>
    <message>
        <location filename="../../app/ui/grid/tile_delegate.py" line="117"/>
        <source>never answered</source>
        <translation>从未应答</translation>
    </message>
</context>
<context>
    <name>UnsyncedWindow</name>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="38"/>
        <source>Parameters not in sync</source>
        <translation>参数不同步</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="43"/>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="43"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="43"/>
        <source>What differs</source>
        <translation>不同项</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="43"/>
        <source>Last read</source>
        <translation>最近回读</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="54"/>
        <source>Re-send</source>
        <translation>重新下发</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="56"/>
        <source>The selected meters, or all listed when none is</source>
        <translation>选中的电表；未选中时为列表中的全部电表</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="59"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="70"/>
        <source>prices</source>
        <translation>电价</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="71"/>
        <source>time segments</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="72"/>
        <source>ladder</source>
        <translation>阶梯电价</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="73"/>
        <source>alarm 1</source>
        <translation>报警1</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="74"/>
        <source>alarm 2</source>
        <translation>报警2</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="75"/>
        <source>overload</source>
        <translation>过载</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="77"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="92"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="97"/>
        <source>Every meter holds the parameters it should.</source>
        <translation>所有电表的参数都与系统一致。</translation>
    </message>
    <message>
        <location filename="../../app/ui/tariffs/unsynced_window.py" line="128"/>
        <source>Re-sending to %1 meters (batch %2).</source>
        <translation>正在向 %1 块电表重新下发（批次 %2）。</translation>
    </message>
</context>
<context>
    <name>WorkbookActions</name>
    <message>
        <location filename="../../app/ui/settings/workbook_actions.py" line="22"/>
        <source>&amp;Import from Excel…</source>
        <translation>从 Excel 导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/workbook_actions.py" line="23"/>
        <source>&amp;Export configuration…</source>
        <translation>导出配置(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/workbook_actions.py" line="26"/>
        <source>Excel &amp;template…</source>
        <translation>Excel 模板(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/workbook_actions.py" line="69"/>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/workbook_actions.py" line="71"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/workbook_actions.py" line="79"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/workbook_actions.py" line="80"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings/workbook_actions.py" line="85"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>XlsxExport</name>
    <message>
        <location filename="../../app/services/xlsx_export.py" line="44"/>
        <location filename="../../app/ui/reports/common.py" line="233"/>
        <source>Exported</source>
        <translation>导出时间</translation>
    </message>
    <message>
        <location filename="../../app/services/xlsx_export.py" line="45"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../app/services/xlsx_export.py" line="46"/>
        <source>Period</source>
        <translation>时间段</translation>
    </message>
</context>
<context>
    <name>_Cover</name>
    <message>
        <location filename="../../app/ui/auth/login_dialog.py" line="242"/>
        <location filename="../../app/ui/auth/login_dialog.py" line="258"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
</context>
<context>
    <name>receipt</name>
    <message>
        <location filename="../../app/services/receipts.py" line="30"/>
        <source>Electricity sale receipt</source>
        <translation>售电收据</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="31"/>
        <source>Refund receipt</source>
        <translation>退电收据</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="32"/>
        <source>Sale correction receipt</source>
        <translation>冲正凭证</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="33"/>
        <source>Account closing receipt</source>
        <translation>销户收据</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="34"/>
        <source>Balance transfer-in receipt</source>
        <translation>余额转入凭证</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="35"/>
        <source>Balance transfer-out receipt</source>
        <translation>余额转出凭证</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="36"/>
        <source>Account opening receipt</source>
        <translation>开户凭证</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="41"/>
        <location filename="../../app/services/receipts.py" line="47"/>
        <source>Amount paid</source>
        <translation>购电金额</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="42"/>
        <source>Amount refunded</source>
        <translation>退电金额</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="43"/>
        <source>Amount reversed</source>
        <translation>冲正金额</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="44"/>
        <source>Balance refunded</source>
        <translation>退还余额</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="45"/>
        <source>Amount transferred in</source>
        <translation>转入金额</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="46"/>
        <source>Amount transferred out</source>
        <translation>转出金额</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="51"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="52"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="53"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="54"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="55"/>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="59"/>
        <source>Receipt no.</source>
        <translation>收据编号</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="60"/>
        <source>Date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="61"/>
        <source>Tenant</source>
        <translation>户名</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="62"/>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="63"/>
        <source>Meter no.</source>
        <translation>表号</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="64"/>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="65"/>
        <source>In words</source>
        <translation>大写金额</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="66"/>
        <source>Balance after</source>
        <translation>剩余金额</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="67"/>
        <source>Purchase count</source>
        <translation>购电次数</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="68"/>
        <source>Reverses receipt</source>
        <translation>原收据编号</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="69"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="70"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="71"/>
        <source>COPY</source>
        <translation>副本 COPY</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="72"/>
        <source>Customer signature</source>
        <translation>客户签名</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="73"/>
        <source>Please keep this receipt.</source>
        <translation>请妥善保管此收据。</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="74"/>
        <source>CNY</source>
        <translation>元</translation>
    </message>
    <message>
        <location filename="../../app/services/receipts.py" line="75"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>receipt_print</name>
    <message>
        <location filename="../../app/ui/printing/receipt_print.py" line="160"/>
        <source>Receipt {number}</source>
        <translation>收据 {number}</translation>
    </message>
</context>
</TS>
